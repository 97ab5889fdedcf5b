namespace Clearwind.Simulation;

/// <summary>Who an account belongs to in the simulation (never written to events).</summary>
internal enum AccountKind
{
    Buyer,
    Owner,
    Brusher,
}
