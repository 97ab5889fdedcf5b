namespace Clearwind.Fuzz.Engine;

/// <summary>One decoder under test: its seeds, how to run an input through it, and how to mutate its inputs knowing their shape.</summary>
internal abstract class FuzzTarget
{
    /// <summary>The name used on the command line and as the crasher folder.</summary>
    public abstract string Name { get; }

    /// <summary>Real inputs to start from; every run executes each once before mutating.</summary>
    public abstract IReadOnlyList<byte[]> Seeds();

    /// <summary>
    /// Runs one input. Returns a short label of what happened (the kind of clean error, or what was accepted); throws
    /// <see cref="PropertyViolation"/> when an accepted input breaks a property. Any other exception that escapes is a crash:
    /// the decoder's documented error path is caught here and turned into a label.
    /// </summary>
    public abstract string Run(byte[] input);

    /// <summary>
    /// How far into the decoder an outcome got, for the report (e.g. <c>refused at the signature</c>, <c>accepted</c>):
    /// by default the label up to its first colon.
    /// </summary>
    public virtual string Stage(string outcome)
    {
        var colon = outcome.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? outcome : outcome[..colon];
    }

    /// <summary>Words the byte mutator splices in (field names, literals): they reach deeper than random bytes.</summary>
    public virtual IReadOnlyList<string> Dictionary => JsonMutator.CommonTokens;

    /// <summary>A mutation that knows the input's structure; by default the whole input is treated as JSON.</summary>
    public virtual byte[] MutateStructured(byte[] input, Mutator mutator) => mutator.Json.Mutate(input);
}
