using Clearwind.Events;
using Clearwind.Simulation.Labels;

namespace Clearwind.Simulation;

/// <summary>
/// One simulated marketplace and its ground truth. Enumerate <see cref="Events"/> once, to the end; then
/// <see cref="Labels"/> holds every label, the fake items (orders, clicks, reviews) included.
/// </summary>
/// <example>
/// <code>
/// var simulation = new MarketSimulation(SyntheticMarketOptions.ForScale(1, days: 7, seed: 42));
/// using (var file = File.Create("events.ndjson"))
/// {
///     SyntheticMarket.WriteNdjson(simulation.Events(), file);
/// }
/// using var labels = File.Create("labels.json");
/// simulation.Labels.Write(labels);
/// </code>
/// </example>
public sealed class MarketSimulation
{
    private readonly MarketWorld _world;
    private MarketLabels? _labels;
    private bool _started;

    /// <summary>Plans the marketplace (cheap: no event is generated yet).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    public MarketSimulation(SyntheticMarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _world = MarketWorld.Build(options);
    }

    /// <summary>The options this marketplace was built from.</summary>
    public SyntheticMarketOptions Options { get; }

    /// <summary>The labels; complete once <see cref="Events"/> has been enumerated to the end.</summary>
    /// <exception cref="InvalidOperationException">The events have not all been generated yet.</exception>
    public MarketLabels Labels => _labels ?? throw new InvalidOperationException("enumerate Events() to the end first: fake items are labelled as they are generated");

    /// <summary>Generates the events in event-time order (ties in a fixed order). Only once per simulation.</summary>
    /// <exception cref="InvalidOperationException">Called a second time.</exception>
    public IEnumerable<MarketEvent> Events()
    {
        if (_started)
        {
            throw new InvalidOperationException("a simulation generates its events once; create a new one to generate them again");
        }

        _started = true;
        return Run();

        IEnumerable<MarketEvent> Run()
        {
            var generator = new MarketGenerator(_world);
            foreach (var e in generator.Run())
            {
                yield return e;
            }

            _labels = _world.Labels.Build(Options, generator.Renumbering);
        }
    }
}
