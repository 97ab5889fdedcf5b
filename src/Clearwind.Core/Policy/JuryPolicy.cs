namespace Clearwind.Policy;

/// <summary>
/// The public jury of appeals (SPEC §4, seed 004's 大众评审): how many jurors are drawn, how many votes make a quorum,
/// the majority that overturns, and how long jurors have to vote. Staff make the final call and must give reasons when
/// they overrule the jury.
/// </summary>
public sealed record JuryPolicy
{
    /// <summary>Jurors drawn per case.</summary>
    public int Size { get; init; } = 13;

    /// <summary>Votes needed for the jury's verdict to count; fewer leaves the case to staff alone.</summary>
    public int Quorum { get; init; } = 7;

    /// <summary>Share of the votes cast above which the jury overturns the decision (0.5: a simple majority; ties uphold).</summary>
    public double Majority { get; init; } = 0.5;

    /// <summary>Hours jurors have to vote after the draw.</summary>
    public int VoteHours { get; init; } = 72;
}
