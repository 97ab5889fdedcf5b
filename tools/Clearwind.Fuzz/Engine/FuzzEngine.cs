using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Clearwind.Fuzz.Engine;

/// <summary>
/// Runs a target: every seed once, then mutants of corpus entries (1–4 stacked mutations, half structure-aware). An input
/// with an outcome never seen before joins the corpus, a cheap stand-in for coverage feedback. Each execution runs on a
/// worker thread watched by the calling thread; one taking longer than the hang limit is recorded as a hang and the worker
/// is replaced. Each distinct failure is minimised a little and saved.
/// </summary>
internal sealed partial class FuzzEngine
{
    private const int MinimiseBudget = 1500;

    private readonly FuzzTarget _target;
    private readonly FuzzSettings _settings;
    private readonly Action<string> _log;
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FuzzFailure> _failures = new(StringComparer.Ordinal);
    private readonly List<byte[]> _corpus = [];
    private readonly Random _random;
    private readonly Mutator _mutator;
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly Lock _gate = new();
    private long _executions;
    private int _generation;
    private long _startedAt;
    private byte[]? _current;
    private Exception? _engineError;
    private readonly Stopwatch _clock = new();
    private TimeSpan _slowest;
    private byte[]? _slowestInput;

    public FuzzEngine(FuzzTarget target, FuzzSettings settings, Action<string>? log = null)
    {
        _target = target;
        _settings = settings;
        _log = log ?? (_ => { });
        _random = new Random(settings.Seed);
        _seeds = target.Seeds();
        if (_seeds.Count == 0)
        {
            throw new InvalidOperationException($"target {target.Name} has no seeds");
        }

        _corpus.AddRange(_seeds);
        _mutator = new Mutator(_random, _corpus, target.Dictionary);
    }

    public FuzzReport Run()
    {
        var clock = _clock;
        clock.Restart();
        var hangTicks = (long)(_settings.HangAfter.TotalSeconds * Stopwatch.Frequency);
        var worker = Start();
        while (!worker.Join(50))
        {
            var started = Interlocked.Read(ref _startedAt);
            if (started != 0 && Stopwatch.GetTimestamp() - started > hangTicks)
            {
                // The worker is stuck in one input: record it and carry on with a fresh worker (the stuck one is abandoned;
                // it stops, without touching the run's state, if it ever returns).
                var input = Volatile.Read(ref _current)!;
                lock (_gate)
                {
                    Interlocked.Increment(ref _generation);
                    Interlocked.Exchange(ref _startedAt, 0);
                    _executions++;
                    Record(FailureKind.Hang, "hang: over " + _settings.HangAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s", input, minimise: false);
                }

                worker = Start();
            }
        }

        if (_engineError is not null)
        {
            throw new InvalidOperationException("the fuzz engine itself failed", _engineError);
        }

        ConfirmHangs();

        lock (_gate)
        {
            return new FuzzReport(_target.Name, _executions, clock.Elapsed, _outcomes.Count, _corpus.Count, [.. _failures.Values])
            {
                Slowest = _slowest,
                SlowestInput = _slowestInput,
                TopOutcomes = [.. _outcomes.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal).Take(12)],
                Stages = [.. _outcomes.GroupBy(o => _target.Stage(o.Key), o => o.Value, StringComparer.Ordinal)
                    .Select(g => KeyValuePair.Create(g.Key, g.Sum()))
                    .OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal)],
            };
        }
    }

    private Thread Start()
    {
        var generation = Volatile.Read(ref _generation);
        // A large stack: deeply nested inputs must show the decoders' own depth limits, not this thread's.
        var thread = new Thread(() => Work(generation), 64 * 1024 * 1024) { IsBackground = true, Name = "fuzz " + _target.Name };
        thread.Start();
        return thread;
    }

    private void Work(int generation)
    {
        try
        {
            while (true)
            {
                byte[] input;
                lock (_gate)
                {
                    if (generation != _generation || _executions >= _settings.Executions || _clock.Elapsed > (_settings.StopAfter ?? TimeSpan.MaxValue))
                    {
                        return;
                    }

                    input = _executions < _seeds.Count ? _seeds[(int)_executions] : NextMutant();
                }

                var started = Stopwatch.GetTimestamp();
                var (outcome, failure) = Execute(input);
                var took = Stopwatch.GetElapsedTime(started);
                lock (_gate)
                {
                    if (generation != _generation)
                    {
                        return;
                    }

                    _executions++;
                    if (took > _slowest)
                    {
                        (_slowest, _slowestInput) = (took, input);
                    }

                    if (failure is not null)
                    {
                        Record(failure.Value.Kind, failure.Value.Signature, input, minimise: true);
                    }
                    else if (_outcomes.TryGetValue(outcome, out var seen))
                    {
                        _outcomes[outcome] = seen + 1;
                    }
                    else
                    {
                        _outcomes[outcome] = 1;
                        if (_corpus.Count < _settings.MaxCorpus)
                        {
                            _corpus.Add(input);
                        }
                    }

                    if (_settings.ReportEvery > 0 && _executions % _settings.ReportEvery == 0)
                    {
                        _log(string.Create(CultureInfo.InvariantCulture,
                            $"{_target.Name}: {_executions:N0} executions, {_outcomes.Count:N0} outcomes, corpus {_corpus.Count:N0}, failures {_failures.Count}"));
                    }
                }
            }
        }
        catch (Exception ex)
        {
            // A bug of the engine, not of a decoder: the run stops and says so.
            _engineError = ex;
        }
    }

    private (string Outcome, (FailureKind Kind, string Signature)? Failure) Execute(byte[] input)
    {
        Volatile.Write(ref _current, input);
        Interlocked.Exchange(ref _startedAt, Stopwatch.GetTimestamp());
        try
        {
            return (Normalise(_target.Run(input)), null);
        }
        catch (PropertyViolation ex)
        {
            return ("", (FailureKind.Property, "property: " + ex.Message));
        }
        catch (Exception ex)
        {
            return ("", (FailureKind.Crash, SignatureOf(ex)));
        }
        finally
        {
            Interlocked.Exchange(ref _startedAt, 0);
        }
    }

    private byte[] NextMutant()
    {
        // Half the parents are seeds: corpus entries are mostly inputs some mutation already broke, and mutants of well-formed
        // inputs reach further into a decoder.
        var parent = _random.Next(2) == 0 ? _seeds[_random.Next(_seeds.Count)] : _corpus[_random.Next(_corpus.Count)];
        var mutant = parent;
        var stacked = 1 + _random.Next(4);
        for (var i = 0; i < stacked; i++)
        {
            mutant = _random.Next(2) == 0 ? _target.MutateStructured(mutant, _mutator) : _mutator.MutateBytes(mutant);
            if (mutant.Length > _settings.MaxInputBytes)
            {
                mutant = mutant[.._settings.MaxInputBytes];
            }
        }

        return mutant;
    }

    // Called under the gate. Hangs are kept per input (each may be a busy moment of the machine) until ConfirmHangs.
    private void Record(FailureKind kind, string signature, byte[] input, bool minimise)
    {
        var key = kind == FailureKind.Hang ? signature + " " + Convert.ToHexStringLower(SHA256.HashData(input)) : signature;
        if (_failures.TryGetValue(key, out var known))
        {
            known.Count++;
            return;
        }

        var smallest = minimise ? Minimise(input, signature) : input;
        var failure = new FuzzFailure(kind, signature, smallest);
        _failures[key] = failure;
        if (kind != FailureKind.Hang)
        {
            Save(failure);
        }

        // The signature names an exception type and a method, never the input (which may hold test identifiers).
        _log(string.Create(CultureInfo.InvariantCulture,
            $"{_target.Name}: {kind.ToString().ToLowerInvariant()} #{_failures.Count} {signature}; input {input.Length} bytes, minimised to {smallest.Length}{(failure.SavedAs is null ? "" : ", saved as " + Path.GetFileName(failure.SavedAs))}"));
    }

    // A hang counts when the input, run alone, still passes the limit (three tries); otherwise the machine was busy.
    private void ConfirmHangs()
    {
        foreach (var failure in _failures.Values.Where(f => f.Kind == FailureKind.Hang))
        {
            var confirmed = Enumerable.Range(0, 3).All(_ => Replay(_target, failure.Input, _settings.HangAfter).Failure?.StartsWith("hang", StringComparison.Ordinal) == true);
            if (confirmed)
            {
                Save(failure);
            }
            else
            {
                failure.Kind = FailureKind.Slow;
            }

            _log($"{_target.Name}: hang on a {failure.Input.Length}-byte input {(confirmed ? "confirmed alone" : "not repeated alone: the machine was busy")}{(failure.SavedAs is null ? "" : ", saved as " + Path.GetFileName(failure.SavedAs))}");
        }
    }

    private void Save(FuzzFailure failure)
    {
        if (_settings.CrashersDirectory is { } root)
        {
            var folder = Path.Combine(root, _target.Name);
            Directory.CreateDirectory(folder);
            failure.SavedAs = Path.Combine(folder, Convert.ToHexStringLower(SHA256.HashData(failure.Input))[..16] + ".bin");
            File.WriteAllBytes(failure.SavedAs, failure.Input);
        }
    }

    // Drops ever smaller chunks while the same failure recurs: a little smaller, not minimal.
    private byte[] Minimise(byte[] input, string signature)
    {
        var best = input;
        var budget = MinimiseBudget;
        for (var chunk = Math.Max(1, best.Length / 2); chunk >= 1 && budget > 0; chunk /= 2)
        {
            for (var at = 0; at < best.Length && budget > 0; budget--)
            {
                var length = Math.Min(chunk, best.Length - at);
                byte[] candidate = [.. best.AsSpan(0, at), .. best.AsSpan(at + length)];
                if (Execute(candidate).Failure is { } again && again.Signature == signature)
                {
                    best = candidate;
                }
                else
                {
                    at += length;
                }
            }

            if (chunk == 1)
            {
                break;
            }
        }

        return best;
    }

    /// <summary>
    /// Runs one saved input under the hang limit: its outcome label, or what failed (the exception's type, method and
    /// stack, never its message, which may quote the input).
    /// </summary>
    public static (string? Outcome, string? Failure) Replay(FuzzTarget target, byte[] input, TimeSpan hangAfter)
    {
        string? outcome = null;
        string? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    outcome = target.Run(input);
                }
                catch (PropertyViolation ex)
                {
                    failure = "property: " + ex.Message;
                }
                catch (Exception ex)
                {
                    failure = SignatureOf(ex) + "\n" + ex.StackTrace;
                }
            },
            64 * 1024 * 1024)
        { IsBackground = true };
        thread.Start();
        return thread.Join(hangAfter) ? (outcome, failure) : (null, $"hang: over {hangAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
    }

    /// <summary>The exception's type and the method that threw it: how two crashes are told apart.</summary>
    public static string SignatureOf(Exception ex)
    {
        var site = ex.TargetSite is { } method ? $"{method.DeclaringType?.FullName}.{method.Name}" : "unknown";
        return $"{ex.GetType().FullName} at {site}";
    }

    // Outcome labels without numbers (positions, counts) or quoted text (the character a JSON reader stopped at), so
    // "'x' is invalid at byte 17" and "'y' is invalid at byte 18" are one outcome.
    private static string Normalise(string outcome)
    {
        var label = Digits().Replace(Quoted().Replace(outcome, "…"), "#");
        return label.Length > 160 ? label[..160] : label;
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex("'[^']*'|`[^`]*`|\"[^\"]*\"")]
    private static partial Regex Quoted();
}
