using Clearwind.Events;

namespace Clearwind.Detection;

/// <summary>
/// Observes events in event time and reports findings; it never decides a penalty (only the policy does).
/// Detectors keep their own bounded state and must not read the wall clock.
/// </summary>
public abstract class Detector
{
    /// <summary>The pattern this detector reports, e.g. <c>order_brushing.concentration</c>.</summary>
    public abstract PatternId Pattern { get; }

    /// <summary>Sees one event; events arrive in event-time order.</summary>
    public abstract void Observe(MarketEvent e, DetectionContext context);

    /// <summary>
    /// Whether events of this concrete type reach <see cref="Observe"/> (default: every type). The pipeline asks once
    /// per type and sends each event only to the detectors that want it: most events are views, which most detectors
    /// ignore. Periodic work belongs in <see cref="Sweep"/>, which every detector gets.
    /// </summary>
    public virtual bool Observes(Type eventType) => true;

    /// <summary>True when <paramref name="eventType"/> is, or derives from, one of <paramref name="types"/>: for <see cref="Observes"/>.</summary>
    protected static bool IsAny(Type eventType, params ReadOnlySpan<Type> types)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        foreach (var type in types)
        {
            if (eventType.IsAssignableTo(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// State this detector shares with other detectors of its pipeline (the same object, from <see cref="SharedState"/>),
    /// or null when it keeps all its state to itself. Detectors that share run one after the other, never at once.
    /// </summary>
    public virtual object? SharedPart => null;

    /// <summary>Called periodically in event time: close windows that can no longer change, sweep graphs.</summary>
    public virtual void Sweep(DetectionContext context)
    {
    }

    /// <summary>Called once at the end of the input: report everything still open.</summary>
    public virtual void Complete(DetectionContext context) => Sweep(context);
}
