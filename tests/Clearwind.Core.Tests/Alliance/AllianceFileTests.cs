using System.Security.Cryptography;
using System.Text;
using Clearwind.Alliance;
using Clearwind.Storage;
using Clearwind.TestKit;

namespace Clearwind.Core.Tests.Alliance;

public sealed class AllianceFileTests
{
    private static readonly AllianceHasher Hasher = new("the alliance's shared key, 2016");

    private static AllianceEntry Entry(string kind = AllianceKinds.Phone, string? hash = null, string source = "platform-a", DateTimeOffset? expires = null)
        => new(kind, hash ?? Hasher.Hash(kind, "13800138000"), "order_brushing.ring", 0.9, Some.Epoch, Some.Epoch.AddDays(3), expires ?? Some.Epoch.AddDays(180), source);

    private static byte[] Signed(ECDsa key, params AllianceEntry[] entries)
        => AllianceFile.Write(new AlliancePayload(AllianceFile.FormatName, "platform-a", Some.Epoch, entries, []), key);

    [Fact]
    public void Hash_SamePhoneWrittenDifferently_IsOneHash_TheFullHmacOfItsNormalisedForm()
    {
        var hash = Hasher.Hash(AllianceKinds.Phone, "13800138000");

        Assert.Equal(hash, Hasher.Hash(AllianceKinds.Phone, "+86 138-0013-8000"));
        Assert.Matches("^a1:[0-9a-f]{64}$", hash);
        Assert.NotEqual(hash, new AllianceHasher("another alliance's key!!").Hash(AllianceKinds.Phone, "13800138000"));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes("the alliance's shared key, 2016"), Encoding.UTF8.GetBytes("Phone:13800138000"));
        Assert.Equal("a1:" + Convert.ToHexStringLower(expected), hash);
    }

    [Fact]
    public void Hash_Websites_AreOneSiteWhateverTheSchemeCaseOrWww_AndKindsNeverCollide()
    {
        Assert.Equal(Hasher.Hash(AllianceKinds.Website, "shua-dan.com"), Hasher.Hash(AllianceKinds.Website, "https://www.Shua-Dan.com/tasks?id=1"));
        Assert.NotEqual(Hasher.Hash(AllianceKinds.Account, "shua-dan.com"), Hasher.Hash(AllianceKinds.Website, "shua-dan.com"));
    }

    [Fact]
    public void Read_SignedFile_GivesItsEntries()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var payload = AllianceFile.Read(Signed(key, Entry(), Entry(AllianceKinds.Device)), key);

        Assert.Equal([AllianceKinds.Phone, AllianceKinds.Device], payload.Entries.Select(e => e.Kind));
        Assert.Equal("platform-a", payload.Source);
    }

    [Fact]
    public void Read_EntriesReordered_FailsTheSignature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (first, second) = (Entry(), Entry(AllianceKinds.Device));
        var text = Encoding.UTF8.GetString(Signed(key, first, second));
        var (a, b) = (text.IndexOf("{\"kind\":\"phone\"", StringComparison.Ordinal), text.IndexOf("{\"kind\":\"device\"", StringComparison.Ordinal));
        var end = text.IndexOf(']', b);
        var swapped = text[..a] + text[b..end] + "," + text[a..(b - 1)] + text[end..];

        var ex = Assert.Throws<AllianceFileException>(() => AllianceFile.Read(Encoding.UTF8.GetBytes(swapped), key));
        Assert.Contains("signature", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13800138000", "raw identifiers are never accepted")]
    [InlineData("h1:0123456789abcdef0123456789abcdef", "raw identifiers are never accepted")]
    public void Read_AnEntryWithoutAnAllianceHash_IsRefusedEvenWhenSigned(string hash, string reason)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var ex = Assert.Throws<AllianceFileException>(() => AllianceFile.Read(Signed(key, Entry(), Entry(hash: hash)), key));

        Assert.Contains("entry 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnEntryListedInAnotherPlatformsName_IsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var ex = Assert.Throws<AllianceFileException>(() => AllianceFile.Read(Signed(key, Entry(source: "platform-b")), key));

        Assert.Contains("names another source", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Active_LeavesOutWithdrawnExpiredAndUpheldDisputes_ButKeepsOpenDisputes()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var store = new InMemoryStore();
        var (kept, withdrawn, expired, upheld, open) = (
            Entry(hash: Hasher.Hash(AllianceKinds.Phone, "13800000001")), Entry(hash: Hasher.Hash(AllianceKinds.Phone, "13800000002")),
            Entry(hash: Hasher.Hash(AllianceKinds.Phone, "13800000003"), expires: Some.Epoch.AddDays(10)), Entry(hash: Hasher.Hash(AllianceKinds.Phone, "13800000004")),
            Entry(hash: Hasher.Hash(AllianceKinds.Phone, "13800000005")));
        await AllianceExchange.ImportAsync(store, Signed(key, kept, withdrawn, expired, upheld, open), key, Some.Epoch);
        await AllianceExchange.WithdrawAsync(store, [withdrawn.Key], "platform-a", "lifted on appeal", Some.Epoch);
        await AllianceExchange.DisputeAsync(store, new DisputeRecord(upheld.Key, "seller-9", "a family phone", DisputeStatus.Open), Some.Epoch);
        await AllianceExchange.DisputeAsync(store, new DisputeRecord(upheld.Key, "seller-9", "a family phone", DisputeStatus.Upheld, "staff-1"), Some.Epoch);
        await AllianceExchange.DisputeAsync(store, new DisputeRecord(open.Key, "seller-7", "not me", DisputeStatus.Open), Some.Epoch);

        var book = await AllianceBook.ReadAsync(store.Journal);

        Assert.Equal([kept.Key, open.Key], book.Active(Some.Epoch.AddDays(30)).Select(e => e.Key));
        Assert.Equal([kept.Key, expired.Key, open.Key], book.Active(Some.Epoch.AddDays(5)).Select(e => e.Key)); // before its expiry it still matches
    }

    [Fact]
    public async Task Import_AFileNoNewerThanTheLastFromItsSource_IsRefused_AndNothingIsRecorded()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var store = new InMemoryStore();
        await AllianceExchange.ImportAsync(store, Signed(key, Entry()), key, Some.Epoch);

        await Assert.ThrowsAsync<AllianceFileException>(() => AllianceExchange.ImportAsync(store, Signed(key, Entry(AllianceKinds.Device)), key, Some.Epoch));

        var journal = new List<JournalRecord>();
        await foreach (var r in ((IClearwindStore)store).Journal.ReadAllAsync())
        {
            journal.Add(r);
        }

        Assert.Single(journal);
    }
}
