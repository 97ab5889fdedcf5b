using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Clearwind.FakeReviews;

namespace Clearwind.Benchmarks;

/// <summary>
/// Issue 6: a near-duplicate lookup for one review (≤ 20 µs) against the signatures of 10 million stored reviews, as
/// <c>fake_reviews.duplicate_text</c> does it: normalise and shingle the text, compute its 32-hash MinHash signature, search
/// the 8 × 2 LSH bands (each bucket walked at most 32 deep) and confirm candidates on the one-byte sketches. The stored
/// reviews are built from a vocabulary of review phrases, so near duplicates and crowded buckets are common, as in real
/// reviews; the queries come from the same vocabulary. µs per review = Mean ÷ 1,000 (each operation handles 1,000 reviews).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class NearDuplicateReviewBenchmarks
{
    /// <summary>Reviews handled per operation.</summary>
    public const int Reviews = 1_000;

    /// <summary>Signatures stored before timing.</summary>
    public const int Stored = 10_000_000;

    private static readonly string[] Phrases =
    [
        "宝贝收到了", "东西收到啦", "今天到货了", "快递到了", "质量超级好", "质量非常好", "做工很精致", "品质没得说", "用料很扎实",
        "和图片一模一样", "跟描述的完全一致", "实物比图片还好看", "没有色差", "物流超快", "快递很给力第二天就到了", "发货速度很快",
        "包装很严实", "客服小姐姐很耐心", "卖家服务态度超好", "客服回复很及时", "老板人很好", "强烈推荐给大家", "五星好评",
        "已经推荐给朋友了", "还会再来的", "闭眼入不踩雷", "质量很好", "和描述的一样", "物流很快", "性价比很高", "会回购的",
        "颜色很正", "尺码合适", "穿着很舒服", "味道不错", "家里人都很喜欢", "客服态度很好", "耐心解答问题", "第二次购买了",
        "一如既往的好", "做工精细", "没有异味", "比实体店便宜", "快递小哥很负责", "用了一周再来评价没问题", "孩子很喜欢",
        "送给朋友的朋友说不错", "图片拍得很真实", "手感很好", "细节处理得不错", "大小刚好", "比想象中的好", "价格实惠",
        "还可以吧", "一般般", "还没用", "用了再来评价", "质量中规中矩", "对得起价格", "物流有点慢", "颜色和图片有点色差",
        "质量太差了", "和图片不一样", "发货太慢了", "客服也不回消息", "用了两天就坏了", "已申请退款", "尺码偏小", "做工粗糙",
    ];

    private static readonly string[] Separators = ["，", ",", " ", "！", "~", "😊", "👍", "。"];

    private NearDuplicateIndex _index = null!;
    private string[] _queries = [];
    private readonly uint[] _shingles = new uint[ReviewText.MaxShingles];
    private readonly NearDuplicate[] _found = new NearDuplicate[64];

    [GlobalSetup]
    public void Setup()
    {
        var clock = Stopwatch.StartNew();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        _index = new NearDuplicateIndex(Stored, bucketBits: 22, maxChain: 32, preallocate: true);

        // Signatures are computed on both cores in chunks and stored in order (the index itself is single-threaded).
        const int Chunk = 100_000;
        var signatures = new MinHashSignature[Chunk];
        for (var start = 0; start < Stored; start += Chunk)
        {
            var first = start;
            Parallel.For(0, Chunk, () => new uint[ReviewText.MaxShingles], (i, _, shingles) =>
            {
                var n = ReviewText.Shingles(Text(first + i), shingles);
                signatures[i] = MinHashSignature.Of(shingles.AsSpan(0, Math.Max(1, n)));
                return shingles;
            }, _ => { });
            for (var i = 0; i < Chunk; i++)
            {
                _index.Add(signatures[i], payload: start + i);
            }
        }

        _queries = [.. Enumerable.Range(0, Reviews).Select(i => Text(Stored + 7 + (i * 13)))];
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// near-duplicate index: {_index.Count:N0} signatures, {_index.Bytes / 1e6:N0} MB in its arrays ({(double)_index.Bytes / _index.Count:N1} B each), {(after - before) / 1e6:N0} MB retained, built in {clock.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>Normalising, shingling and MinHashing 1,000 review texts: what any lookup costs before the index.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Reviews)]
    public uint SignatureOnly()
    {
        uint sum = 0;
        foreach (var text in _queries)
        {
            sum += Signature(text)[0];
        }

        return sum;
    }

    /// <summary>The same, then the near-duplicate search among 10 M stored signatures (estimated Jaccard ≥ 0.6).</summary>
    [Benchmark(OperationsPerInvoke = Reviews)]
    public int Lookup()
    {
        var found = 0;
        foreach (var text in _queries)
        {
            found += _index.Search(Signature(text), 0.6, _found);
        }

        return found;
    }

    /// <summary>The search at the detector's looser join threshold (0.4), which brings more candidates over the bar.</summary>
    [Benchmark(OperationsPerInvoke = Reviews)]
    public int LookupLoose()
    {
        var found = 0;
        foreach (var text in _queries)
        {
            found += _index.Search(Signature(text), 0.4, _found);
        }

        return found;
    }

    private MinHashSignature Signature(string text)
    {
        var n = ReviewText.Shingles(text, _shingles);
        return MinHashSignature.Of(_shingles.AsSpan(0, Math.Max(1, n)));
    }

    /// <summary>Review number <paramref name="k"/>: two to six phrases picked by a fixed hash of k, with separators.</summary>
    private static string Text(int k)
    {
        var state = (ulong)k * 0x9E3779B97F4A7C15UL;
        ulong Next()
        {
            state ^= state >> 29;
            state *= 0xBF58476D1CE4E5B9UL;
            state ^= state >> 32;
            return state;
        }

        var count = 2 + (int)(Next() % 5);
        var text = new StringBuilder(64);
        for (var i = 0; i < count; i++)
        {
            text.Append(Phrases[Next() % (ulong)Phrases.Length]).Append(Separators[Next() % (ulong)Separators.Length]);
        }

        return text.ToString();
    }
}
