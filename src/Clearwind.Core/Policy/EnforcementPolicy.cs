using System.Text.Json;
using System.Text.Json.Nodes;
using Clearwind.Detection;

namespace Clearwind.Policy;

/// <summary>
/// The one published policy (SPEC §3): per pattern id, whether it runs, its action, review cut-off, expiry and
/// detector options. There is no tier anywhere in it, so the same rules hold for every shop.
/// </summary>
public sealed record EnforcementPolicy
{
    private static readonly string[] TopLevelKeys = ["$schema", "version", "appeal_within_days", "ladder", "jury", "patterns"];
    private static readonly string[] LadderKeys = ["throttle_at_strikes", "close_at_strikes", "throttle_days"];
    private static readonly string[] JuryKeys = ["size", "quorum", "majority", "vote_hours"];
    private static readonly string[] PatternKeys = ["enabled", "action", "review_below", "related_actor_action", "high_severity_action", "declared_campaign_action", "grace_hours", "expires_after_days", "options"];

    /// <summary>Policy file format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>Days a seller has to appeal a decision.</summary>
    public int AppealWithinDays { get; init; } = 14;

    /// <summary>The shops' penalty ladder; null for none.</summary>
    public StrikeLadder? Ladder { get; init; }

    /// <summary>The public jury of appeals (the defaults when the file has no <c>jury</c> block).</summary>
    public JuryPolicy Jury { get; init; } = new();

    /// <summary>Policy per pattern id.</summary>
    public required IReadOnlyDictionary<string, PatternPolicy> Patterns { get; init; }

    /// <summary>The effective default: every pattern of the catalog with its documented option defaults.</summary>
    public static EnforcementPolicy FromDefaults(IEnumerable<DetectorRegistration> catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var patterns = new SortedDictionary<string, PatternPolicy>(StringComparer.Ordinal);
        foreach (var registration in catalog)
        {
            var d = registration.PolicyDefaults;
            patterns[registration.Pattern.Value] = new PatternPolicy
            {
                Action = d.Action,
                ReviewBelow = d.ReviewBelow,
                RelatedActorAction = d.RelatedActorAction,
                HighSeverityAction = d.HighSeverityAction,
                DeclaredCampaignAction = d.DeclaredCampaignAction,
                GraceHours = d.GraceHours,
                ExpiresAfterDays = d.ExpiresAfterDays,
                Options = OptionsJson.ToJson(registration.CreateDefaultOptions(), registration.OptionsType),
            };
        }

        return new EnforcementPolicy { Patterns = patterns };
    }

    /// <summary>Reads a policy file.</summary>
    /// <exception cref="PolicyException">The file is not a valid policy; the message names the key.</exception>
    public static EnforcementPolicy Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PolicyException($"cannot read policy file {path}: {ex.Message}", ex);
        }

        return Parse(text);
    }

    /// <summary>Parses policy JSON, checking every key.</summary>
    /// <exception cref="PolicyException">The JSON is not a valid policy; the message names the key.</exception>
    public static EnforcementPolicy Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            ReadAll(root);
        }
        catch (JsonException ex)
        {
            throw new PolicyException("(root)", $"not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
        }
        catch (ArgumentException)
        {
            throw new PolicyException("(root)", "not valid JSON: an object names a key twice");
        }
        catch (InvalidOperationException)
        {
            throw new PolicyException("(root)", "not valid JSON: a string is not valid text (an escape that is no character?)");
        }

        if (root is not JsonObject obj)
        {
            throw new PolicyException("(root)", "must be a JSON object");
        }

        CheckKeys(obj, TopLevelKeys, "");
        var version = ReadInt(obj, "version", "version", 1, 1, 1);
        var appealDays = ReadInt(obj, "appeal_within_days", "appeal_within_days", 14, 1, 365);
        var ladder = ReadLadder(obj["ladder"]);
        var jury = ReadJury(obj["jury"]);
        if (obj["patterns"] is not JsonObject patternsNode)
        {
            throw new PolicyException("patterns", "required, an object keyed by pattern id");
        }

        var patterns = new SortedDictionary<string, PatternPolicy>(StringComparer.Ordinal);
        foreach (var (id, node) in patternsNode)
        {
            var key = "patterns." + id;
            try
            {
                _ = new PatternId(id);
            }
            catch (ArgumentException ex)
            {
                throw new PolicyException(key, ex.Message);
            }

            if (node is not JsonObject block)
            {
                throw new PolicyException(key, "must be an object");
            }

            CheckKeys(block, PatternKeys, key + ".");
            var action = ReadAction(block, "action", key, required: true)!;
            patterns[id] = new PatternPolicy
            {
                Enabled = ReadBool(block, "enabled", key, true),
                Action = action,
                ReviewBelow = ReadDouble(block, "review_below", key, 0.5, 0, 1),
                RelatedActorAction = ReadAction(block, "related_actor_action", key, required: false),
                HighSeverityAction = ReadAction(block, "high_severity_action", key, required: false),
                DeclaredCampaignAction = ReadAction(block, "declared_campaign_action", key, required: false),
                GraceHours = ReadInt(block, "grace_hours", key + ".grace_hours", 0, 0, 8760),
                ExpiresAfterDays = ReadInt(block, "expires_after_days", key + ".expires_after_days", 180, 1, 3650),
                Options = block["options"] switch
                {
                    null => [],
                    JsonObject o => (JsonObject)o.DeepClone(),
                    _ => throw new PolicyException(key + ".options", "must be an object"),
                },
            };
        }

        return new EnforcementPolicy { Version = version, AppealWithinDays = appealDays, Ladder = ladder, Jury = jury, Patterns = patterns };
    }

    // The node tree reads its text lazily; reading every name and string here makes a key given twice or an invalid
    // escape fail now, as the file's error, instead of wherever the key is first looked at.
    private static void ReadAll(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    ReadAll(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    ReadAll(child);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.GetValue<string>();
                break;
        }
    }

    /// <summary>Builds the detection pipeline this policy enables, binding each options block by pattern id.</summary>
    /// <exception cref="PolicyException">A pattern is unknown to the catalog or its options are invalid.</exception>
    public DetectionPipeline BuildPipeline(IEnumerable<DetectorRegistration> catalog, DetectionPipelineBuilder? builder = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        builder ??= new DetectionPipelineBuilder();
        var byId = catalog.ToDictionary(r => r.Pattern.Value, StringComparer.Ordinal);
        foreach (var (id, rule) in Patterns)
        {
            if (!byId.TryGetValue(id, out var registration))
            {
                throw new PolicyException("patterns." + id, "no detector reports this pattern; known: " + string.Join(", ", byId.Keys.Order(StringComparer.Ordinal)));
            }

            if (!rule.Enabled)
            {
                continue;
            }

            var options = OptionsJson.Bind(rule.Options, registration.OptionsType, $"patterns.{id}.options");
            try
            {
                builder.Add(registration.Create(options, builder.Shared), options);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                // NotSupportedException: an options list too large for a detector's pattern matcher (a regex past its size limit).
                throw new PolicyException($"patterns.{id}.options", ex.Message);
            }
        }

        return builder.Build();
    }

    /// <summary>Writes the policy as indented JSON, in the layout of <c>policy/default.json</c>.</summary>
    public string ToJson()
    {
        var patterns = new JsonObject();
        foreach (var (id, rule) in Patterns.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var block = new JsonObject
            {
                ["enabled"] = rule.Enabled,
                ["action"] = rule.Action,
                ["review_below"] = rule.ReviewBelow,
            };
            if (rule.RelatedActorAction is not null)
            {
                block["related_actor_action"] = rule.RelatedActorAction;
            }

            if (rule.HighSeverityAction is not null)
            {
                block["high_severity_action"] = rule.HighSeverityAction;
            }

            if (rule.DeclaredCampaignAction is not null)
            {
                block["declared_campaign_action"] = rule.DeclaredCampaignAction;
            }

            block["grace_hours"] = rule.GraceHours;
            block["expires_after_days"] = rule.ExpiresAfterDays;
            block["options"] = rule.Options.DeepClone();
            patterns[id] = block;
        }

        var root = new JsonObject
        {
            ["$schema"] = "./policy.schema.json",
            ["version"] = Version,
            ["appeal_within_days"] = AppealWithinDays,
        };
        if (Ladder is { } ladder)
        {
            var node = new JsonObject();
            if (ladder.ThrottleAtStrikes is { } throttle)
            {
                node["throttle_at_strikes"] = throttle;
            }

            if (ladder.CloseAtStrikes is { } close)
            {
                node["close_at_strikes"] = close;
            }

            node["throttle_days"] = ladder.ThrottleDays;
            root["ladder"] = node;
        }

        root["jury"] = new JsonObject
        {
            ["size"] = Jury.Size,
            ["quorum"] = Jury.Quorum,
            ["majority"] = Jury.Majority,
            ["vote_hours"] = Jury.VoteHours,
        };
        root["patterns"] = patterns;
        return root.ToJsonString(OptionsJson.Indented) + "\n";
    }

    private static JuryPolicy ReadJury(JsonNode? node)
    {
        if (node is null)
        {
            return new JuryPolicy();
        }

        if (node is not JsonObject block)
        {
            throw new PolicyException("jury", "must be an object with size, quorum, majority and vote_hours");
        }

        CheckKeys(block, JuryKeys, "jury.");
        var size = ReadInt(block, "size", "jury.size", 13, 1, 1001);
        var quorum = ReadInt(block, "quorum", "jury.quorum", Math.Min(7, size), 1, 1001);
        if (quorum > size)
        {
            throw new PolicyException("jury.quorum", $"must be at most the jury's size ({size})");
        }

        return new JuryPolicy
        {
            Size = size,
            Quorum = quorum,
            Majority = ReadDouble(block, "majority", "jury", 0.5, 0.5, 0.99),
            VoteHours = ReadInt(block, "vote_hours", "jury.vote_hours", 72, 1, 24 * 60),
        };
    }

    private static StrikeLadder? ReadLadder(JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject block)
        {
            throw new PolicyException("ladder", "must be an object with throttle_at_strikes and/or close_at_strikes");
        }

        CheckKeys(block, LadderKeys, "ladder.");
        int? Rung(string name) => block[name] is null ? null : ReadInt(block, name, "ladder." + name, 0, 1, 1000);
        var throttle = Rung("throttle_at_strikes");
        var close = Rung("close_at_strikes");
        if (throttle is null && close is null)
        {
            throw new PolicyException("ladder", "needs throttle_at_strikes and/or close_at_strikes");
        }

        if (throttle is { } t && close is { } c && c <= t)
        {
            throw new PolicyException("ladder.close_at_strikes", $"must be more than throttle_at_strikes ({t})");
        }

        return new StrikeLadder
        {
            ThrottleAtStrikes = throttle,
            CloseAtStrikes = close,
            ThrottleDays = ReadInt(block, "throttle_days", "ladder.throttle_days", 30, 1, 3650),
        };
    }

    private static void CheckKeys(JsonObject obj, string[] allowed, string prefix)
    {
        foreach (var (name, _) in obj)
        {
            if (Array.IndexOf(allowed, name) < 0)
            {
                throw new PolicyException(prefix + name, "unknown key; allowed: " + string.Join(", ", allowed.Where(a => a != "$schema")));
            }
        }
    }

    private static string? ReadAction(JsonObject block, string name, string prefix, bool required)
    {
        var node = block[name];
        if (node is null)
        {
            return required ? throw new PolicyException($"{prefix}.{name}", "required") : null;
        }

        if (node.GetValueKind() != JsonValueKind.String || !DecisionActions.All.Contains(node.GetValue<string>()))
        {
            throw new PolicyException($"{prefix}.{name}", "must be one of " + string.Join(", ", DecisionActions.All.Order(StringComparer.Ordinal)));
        }

        return node.GetValue<string>();
    }

    private static bool ReadBool(JsonObject block, string name, string prefix, bool fallback)
    {
        var node = block[name];
        if (node is null)
        {
            return fallback;
        }

        return node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new PolicyException($"{prefix}.{name}", "must be true or false"),
        };
    }

    private static double ReadDouble(JsonObject block, string name, string prefix, double fallback, double min, double max)
    {
        var node = block[name];
        if (node is null)
        {
            return fallback;
        }

        if (node.GetValueKind() != JsonValueKind.Number || node.GetValue<double>() is var v && (v < min || v > max))
        {
            throw new PolicyException($"{prefix}.{name}", $"must be a number from {min} to {max}");
        }

        return v;
    }

    private static int ReadInt(JsonObject obj, string name, string key, int fallback, int min, int max)
    {
        var node = obj[name];
        if (node is null)
        {
            return fallback;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !int.TryParse(node.ToJsonString(), out var v) || v < min || v > max)
        {
            throw new PolicyException(key, $"must be a whole number from {min} to {max}");
        }

        return v;
    }
}
