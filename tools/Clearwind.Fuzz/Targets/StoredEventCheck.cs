using System.Text.Json;
using Clearwind.Events;
using Clearwind.Fuzz.Engine;
using Clearwind.Privacy;

namespace Clearwind.Fuzz.Targets;

/// <summary>
/// The properties of one parsed and prepared line (what ingest keeps): a malformed line has a message; an accepted one
/// has stored JSON that reads back as the prepared event, and no personal identifier in it is raw — not in a keyed
/// field, not in an evidence item of a personal kind, not under an unknown field named like one, not in a second copy
/// of a field given twice.
/// </summary>
internal static class StoredEventCheck
{
    private static readonly JsonDocumentOptions Deep = new() { MaxDepth = 1024 };

    /// <summary>Checks the result and returns its outcome label.</summary>
    public static string Check(ParseResult result, IdentifierKeyer keyer)
    {
        switch (result.Status)
        {
            case ParseStatus.Malformed:
                if (string.IsNullOrWhiteSpace(result.Error))
                {
                    throw new PropertyViolation("a malformed line without a message");
                }

                return "malformed: " + result.Error;
            case ParseStatus.UnknownType:
                return "unknown type";
        }

        var prepared = result.Event ?? throw new PropertyViolation("an accepted line without an event");
        var stored = result.Utf8Json ?? throw new PropertyViolation("an accepted line without stored JSON");
        var back = EventParser.Parse(stored);
        if (back.Event is null)
        {
            throw new PropertyViolation("stored JSON does not parse back: " + (back.Error ?? back.Status.ToString()));
        }

        var expected = EventParser.ToJson(prepared);
        if (EventParser.ToJson(back.Event) != expected)
        {
            throw new PropertyViolation("stored JSON reads back as another event than the prepared one");
        }

        // Stored events are read back and prepared again on replay: keying must leave them as they are.
        if (EventParser.ToJson(keyer.Apply(back.Event)) != expected)
        {
            throw new PropertyViolation("keying a stored event again changes it");
        }

        NoRawIdentifiers(stored, prepared);
        return "ok: " + prepared.Type + (prepared.Extra is { Count: > 0 } ? " with unknown fields" : "");
    }

    private static void NoRawIdentifiers(byte[] stored, MarketEvent e)
    {
        using var document = JsonDocument.Parse(stored, Deep);
        var typed = EventJson.TypeInfoFor(e).Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var keyed = KeyedFields(e);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (keyed.Contains(property.Name))
            {
                RequireKeyed(property.Value, property.Name);
            }
            else if (e is ReportFiled && property.Name == "evidence" && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    var personal = item.EnumerateObject().Any(p => p.Name == "kind" && p.Value.ValueKind == JsonValueKind.String && IdentifierKeyer.LooksPersonal(p.Value.GetString()!));
                    foreach (var value in item.EnumerateObject().Where(p => p.Name == "value" && personal))
                    {
                        RequireKeyed(value.Value, "evidence value");
                    }
                }
            }
            else if (!typed.Contains(property.Name))
            {
                UnknownField(property.Value, IdentifierKeyer.LooksPersonal(property.Name));
            }
        }
    }

    // Mirrors which typed fields IdentifierKeyer.Apply keys, per event type.
    private static string[] KeyedFields(MarketEvent e) => e switch
    {
        AccountRegistered => ["phone", "device"],
        AccountLogin or ListingViewed or ListingLiked or AdClicked => ["device"],
        OrderPlaced => ["device", "address", "phone"],
        OrderPaid => ["payment_account"],
        _ => [],
    };

    private static void UnknownField(JsonElement value, bool personal)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    UnknownField(property.Value, personal || IdentifierKeyer.LooksPersonal(property.Name));
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    UnknownField(item, personal);
                }

                break;
            case JsonValueKind.String or JsonValueKind.Number when personal:
                RequireKeyed(value, "an unknown personal field");
                break;
        }
    }

    private static void RequireKeyed(JsonElement value, string where)
    {
        var ok = value.ValueKind switch
        {
            JsonValueKind.Null => true,
            JsonValueKind.String => value.GetString() is { } s && (s.Length == 0 || IdentifierKeyer.IsKeyed(s)),
            _ => false,
        };
        if (!ok)
        {
            throw new PropertyViolation($"a raw identifier is stored in {where}");
        }
    }
}
