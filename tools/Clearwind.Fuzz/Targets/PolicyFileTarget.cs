using System.Text;
using Clearwind.Fuzz.Engine;
using Clearwind.Policy;

namespace Clearwind.Fuzz.Targets;

/// <summary>
/// A policy file as <c>--policy FILE</c> uses it: the text decoded as <c>File.ReadAllText</c> does, <see cref="EnforcementPolicy.Parse"/>,
/// then <see cref="EnforcementPolicy.BuildPipeline"/> over the built-in detectors (which binds every options block). The
/// documented error is <see cref="PolicyException"/>. An accepted policy must write itself out and read back the same.
/// </summary>
internal sealed class PolicyFileTarget : FuzzTarget
{
    public override string Name => "policy-file";

    public override IReadOnlyList<byte[]> Seeds()
    {
        var seeds = new List<byte[]> { Encoding.UTF8.GetBytes(DetectorCatalog.DefaultPolicy().ToJson()) };
        if (SeedFiles.Repository("policy/default.json") is { } file)
        {
            seeds.Add(file);
        }

        seeds.AddRange(Written.Select(Encoding.UTF8.GetBytes));
        return seeds;
    }

    private static readonly string[] Written =
    [
            """{"patterns": {"order_brushing.concentration": {"action": "warn"}}}""",
            """{"version": 1, "appeal_within_days": 7, "ladder": {"throttle_at_strikes": 2, "close_at_strikes": 4}, "jury": {"size": 5, "quorum": 3, "majority": 0.6, "vote_hours": 48}, "patterns": {"fake_likes.burst": {"action": "demote", "review_below": 0.8, "grace_hours": 24, "expires_after_days": 30, "options": {"min_likes": 50}}}}""",
            "// comments and trailing commas are allowed\n{\"patterns\": {\"listing.banned_words\": {\"action\": \"warn\", \"enabled\": false,},},}",
    ];

    // Refusals by the top-level key they name (the root, a pattern's block, its options, the ladder, the jury…).
    public override string Stage(string outcome)
    {
        if (!outcome.StartsWith("refused: ", StringComparison.Ordinal))
        {
            return outcome;
        }

        var key = outcome["refused: ".Length..].Split(':')[0];
        return "refused at " + (key.StartsWith("patterns.", StringComparison.Ordinal) ? (key.Contains(".options", StringComparison.Ordinal) ? "a pattern's options" : "a pattern's block") : key.Split('.')[0]);
    }

    public override string Run(byte[] input)
    {
        EnforcementPolicy policy;
        try
        {
            policy = EnforcementPolicy.Parse(Decode(input));
            policy.BuildPipeline(DetectorCatalog.BuiltIn);
        }
        catch (PolicyException ex)
        {
            return "refused: " + ex.Key + ": " + (ex.Message.Length > 60 ? ex.Message[..60] : ex.Message);
        }

        var written = policy.ToJson();
        EnforcementPolicy reread;
        try
        {
            reread = EnforcementPolicy.Parse(written);
        }
        catch (PolicyException ex)
        {
            throw new PropertyViolation("an accepted policy, written out, is refused: " + ex.Key);
        }

        if (reread.ToJson() != written)
        {
            throw new PropertyViolation("an accepted policy, written out and read back, differs");
        }

        return "accepted";
    }

    // As File.ReadAllText: UTF-8 unless a byte order mark says otherwise.
    private static string Decode(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
