using System.Text;
using System.Text.Json;
using Clearwind.Detection;
using Clearwind.Events;
using Clearwind.Fuzz.Engine;
using Clearwind.Output;
using Clearwind.Policy;
using Clearwind.Service.Cases;
using Clearwind.Storage;

namespace Clearwind.Fuzz.Targets;

/// <summary>
/// The body of <c>POST /v1/decisions/{id}/appeal</c> as the service takes it: decoded with the service's request JSON
/// options (the framework answers a <see cref="JsonException"/> with 400), checked by <see cref="AppealRequestCheck"/> (a
/// <see cref="CaseException"/> 400), then what filing does with an accepted body before any person sees it: the automatic
/// re-check against recorded orders, and the journal record written and read back unchanged.
/// </summary>
internal sealed partial class AppealFormTarget : FuzzTarget
{
    private static readonly HashSet<string> KnownNames = new(StringComparer.Ordinal)
    {
        "statement", "evidence", "deliveries", "campaign", "chats", "note", "order", "carrier", "tracking", "weight_g", "signed_by", "signed_at",
    };

    private static readonly DateTimeOffset Placed = new(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly JsonSerializerOptions _request;
    private readonly CaseFacts _facts;
    private readonly IReadOnlyList<Finding> _findings;
    private readonly EnforcementPolicy _policy = DetectorCatalog.DefaultPolicy();

    public AppealFormTarget()
    {
        // As ClearwindService: the framework's request options with the output shapes applied.
        _request = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions;
        OutputJson.ApplyTo(_request);

        var store = new InMemoryStore();
        MarketEvent[] events =
        [
            new OrderPlaced { Id = "e1", Ts = Placed, Order = "o1", Buyer = "b1", Shop = "s1" },
            new OrderPlaced { Id = "e2", Ts = Placed, Order = "o2", Buyer = "b1", Shop = "s1" },
            new OrderPlaced { Id = "e3", Ts = Placed, Order = "o3", Buyer = "b2", Shop = "s1" },
            new OrderShipped { Id = "e4", Ts = Placed.AddHours(5), Order = "o1", Carrier = "SF", Tracking = "SF100", WeightG = 800 },
            new OrderShipped { Id = "e5", Ts = Placed.AddHours(5), Order = "o2", Carrier = "SF", Tracking = "SF200", WeightG = 10 },
        ];
        store.AppendAsync([.. events.Select((e, i) => new StoredEvent(i + 1, e.Id, e.Type, e.Ts, EventParser.ToUtf8Json(e)))]).GetAwaiter().GetResult();
        _facts = CaseFacts.GatherAsync(store.Events, new HashSet<string> { "o1", "o2", "o3" }, new HashSet<string> { "s1" }, new HashSet<string> { "b1", "b2" }, Placed.AddDays(5), CancellationToken.None)
            .GetAwaiter().GetResult();
        Finding Of(string pattern) => new()
        {
            Id = Finding.MakeId(pattern, new EntityRef(EntityTypes.Shop, "s1"), Placed),
            Pattern = pattern,
            Entity = new EntityRef(EntityTypes.Shop, "s1"),
            Role = EntityRole.Beneficiary,
            Score = 0.9,
            Severity = Severity.Medium,
            From = Placed,
            To = Placed.AddDays(1),
            Related = [new(EntityTypes.Order, "o1", EntityRole.Actor), new(EntityTypes.Order, "o2", EntityRole.Actor), new(EntityTypes.Order, "o3", EntityRole.Actor)],
            Evidence = [],
            Rule = "fuzz",
        };
        _findings = [Of("order_brushing.fake_fulfilment"), Of("order_brushing.concentration"), Of("fake_reviews.farm")];
    }

    public override string Name => "appeal-form";

    private static readonly string[] Bodies =
    [
        """{"statement": "b1 is a café owner restocking; she pays by company card.", "evidence": {"note": "Invoices available on request."}}""",
        """{"statement": "These parcels were real.", "evidence": {"deliveries": [{"order": "o1", "carrier": "SF", "tracking": "SF100", "weight_g": 820.5, "signed_by": "Li", "signed_at": "2026-11-03T09:00:00+08:00"}, {"order": "o2", "carrier": "SF", "tracking": "sf200", "weight_g": 300, "signed_by": "Wang", "signed_at": "2026-11-03T10:00:00Z"}], "chats": ["c1", "c2"]}}""",
        """{"statement": "We ran a declared flash sale.", "evidence": {"campaign": "camp-1"}}""",
        """{"statement": "   "}""",
        """{"evidence": null}""",
    ];

    public override IReadOnlyList<byte[]> Seeds() => [.. Bodies.Select(Encoding.UTF8.GetBytes)];

    public override IReadOnlyList<string> Dictionary =>
        [.. JsonMutator.CommonTokens, "\"weight_g\"", "\"signed_at\"", "\"signed_by\"", "\"tracking\"", "\"order\"", "\"campaign\"", "\"chats\"", "\"note\""];

    public override string Run(byte[] input)
    {
        AppealRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<AppealRequest>(input, _request);
        }
        catch (JsonException ex)
        {
            // The path tells apart which part of the body was wrong (names it does not know as ?), so the corpus keeps one
            // input per kind.
            return "bad request body: at " + UnknownNames().Replace(ex.Path ?? "$", m => KnownNames.Contains(m.Groups[1].Value) ? m.Value : ".?");
        }

        try
        {
            AppealRequestCheck.Validate(request);
        }
        catch (CaseException ex) when (ex.Status == 400)
        {
            return "refused: " + ex.Message;
        }

        // What FileAsync does with the body: the re-check, then the record the journal keeps (and CaseBook folds back).
        var evidence = request!.Evidence ?? new AppealEvidence();
        var recheck = AppealRecheck.Run(_findings, evidence, _facts, _policy);
        var record = new AppealFiledRecord("ap-d1", "seller-1", request.Statement.Trim(), evidence);
        var written = JsonSerializer.Serialize(record, CaseRecords.Json);
        var back = JsonSerializer.Deserialize<AppealFiledRecord>(written, CaseRecords.Json);
        if (back is null || JsonSerializer.Serialize(back, CaseRecords.Json) != written)
        {
            throw new PropertyViolation("an accepted appeal's journal record reads back differently");
        }

        return "filed: " + string.Join(",", recheck.Select(r => r.Cleared ? "cleared" : "kept"));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\.([^.\[]*)")]
    private static partial System.Text.RegularExpressions.Regex UnknownNames();
}
