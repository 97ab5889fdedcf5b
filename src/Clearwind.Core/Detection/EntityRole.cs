namespace Clearwind.Detection;

/// <summary>The part an entity played in a finding (SPEC §2).</summary>
public enum EntityRole
{
    /// <summary>Did the cheating.</summary>
    Actor,

    /// <summary>Gained from it.</summary>
    Beneficiary,

    /// <summary>Was attacked; never penalised.</summary>
    Victim,
}
