using System.Text.Json;
using Clearwind.Storage;

namespace Clearwind.Service.Live;

/// <summary>One published version of the policy: its number, when and by whom, why, and the policy file itself.</summary>
public sealed record PolicyVersion(int Version, DateTimeOffset PublishedAt, string By, string? Note, string Policy);

/// <summary>
/// Policy versions published through the service (<c>PUT /v1/rules</c>), kept in the store's journal. The service runs
/// the newest one unless a policy file is given on the command line (<c>--policy</c> wins: it is the operator's choice).
/// </summary>
public static class PolicyVersions
{
    /// <summary>The journal kind of a published version.</summary>
    public const string Kind = "policy_published";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Every published version, oldest first.</summary>
    public static async Task<IReadOnlyList<PolicyVersion>> ReadAsync(IRecordJournal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        var versions = new List<PolicyVersion>();
        await foreach (var record in journal.ReadAllAsync(cancellationToken))
        {
            if (record.Kind == Kind && JsonSerializer.Deserialize<PolicyVersion>(record.Json, Json) is { } version)
            {
                versions.Add(version);
            }
        }

        return versions;
    }

    /// <summary>The journal record of a new version.</summary>
    public static JournalRecord Record(PolicyVersion version)
        => new(Kind, version.PublishedAt, JsonSerializer.Serialize(version, Json));
}
