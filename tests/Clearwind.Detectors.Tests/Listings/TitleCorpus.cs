using System.Text;

namespace Clearwind.Listings.Corpus;

/// <summary>
/// Deterministic Chinese wholesale-style listing titles (品牌 + 营销词 + 季节 + 风格 + 卖点 + 材质 + 品名 + 人群 + 型号 + 规格 …), for the
/// near-duplicate search's tests and benchmarks (the benchmark project compiles this file too). Words are drawn with a skew
/// (a few very common, a long tail), brands and model numbers are many, so honest titles of one product resemble each other
/// the way real ones do without being copies. A share of titles are planted near-copies of an earlier title: one to three
/// edits of its words (words swapped, dropped, added or replaced, spaces or letter case changed), so their similarity to
/// the original spreads over roughly 0.5–1.0.
/// </summary>
internal sealed class TitleCorpus
{
    private const string Hanzi =
        "安百宝北贝本比边变标表别宾冰饼波博布彩菜草茶长常超车晨城橙池充出初川传船窗春纯词磁从粗脆翠达大带丹刀岛道得灯低迪底点电"
        + "店顶东冬动都豆端短对多朵儿尔发法帆方防飞非菲分丰风峰凤佛服福富港高歌格工功宫古谷固瓜关光广贵国果哈海汉航好禾和河荷"
        + "黑恒红宏虹厚湖花华画欢环黄辉回惠火吉佳家嘉甲坚简健江匠金锦晶精景静九久酒居菊巨聚卡凯康科可克空口酷快宽矿蓝朗乐雷"
        + "力立丽利莲良亮林灵铃柳六龙隆鹿路旅绿马麦满猫毛美梦米蜜棉面妙明茗名木纳南能年宁牛农诺欧派盘胖泡鹏皮品平萍朴七奇琪"
        + "启千强巧青轻清晴秋泉然荣容柔如瑞润若三森沙山尚少深神升生圣盛诗十石时实世仕顺思斯松素速泰唐堂桃特天田甜铁通同童图"
        + "途万旺威唯维文无五舞西希溪喜夏仙鲜香祥享小晓新鑫星行雄秀雪迅雅亚焱阳洋耀野叶一伊艺易益意音银英鹰盈影优悠友有鱼宇羽"
        + "玉御元源远月悦云韵泽展正之芝知智中忠舟珠竹庄卓紫子自足尊";

    private static readonly string[] RealProducts =
    [
        "连衣裙", "T恤", "卫衣", "牛仔裤", "运动鞋", "保温杯", "数据线", "充电宝", "手机壳", "蓝牙耳机", "床上四件套", "枕头", "拖鞋",
        "收纳盒", "雨伞", "双肩包", "钱包", "手表", "项链", "口红", "面膜", "洗面奶", "红茶", "坚果", "零食礼包", "炒锅", "菜刀",
        "电饭煲", "榨汁机", "台灯", "插座", "螺丝刀", "扳手", "钻头", "轴承", "五金配件", "包装盒", "纸箱", "胶带", "标签纸", "打印纸",
        "笔记本", "文具套装", "玩具车", "积木", "毛绒玩具", "宠物粮", "猫砂", "狗绳", "瑜伽垫", "哑铃", "跳绳", "帐篷", "钓鱼竿",
        "头盔", "车载支架", "汽车脚垫", "座套", "窗帘", "地毯", "沙发垫", "抱枕", "衣架", "拖把", "垃圾袋", "抽纸", "湿巾", "牙刷",
        "毛巾", "浴巾", "洗发水", "沐浴露", "护手霜", "防晒霜", "眼镜", "帽子", "围巾", "手套", "袜子", "内裤", "睡衣", "羽绒服",
        "棉服", "风衣", "西装", "衬衫", "短裤", "半身裙", "汉服", "童装", "婴儿连体衣", "奶瓶", "纸尿裤", "水杯", "饭盒", "键盘", "鼠标",
    ];

    private static readonly string[] Marketing =
    [
        "新款", "正品", "包邮", "网红同款", "爆款", "厂家直销", "一件代发", "批发", "现货", "定制", "送礼", "精选", "升级款", "原创",
        "限时特价", "工厂直供", "外贸", "跨境", "热卖", "实拍", "源头工厂", "支持定制", "现货速发", "可定制logo", "亚马逊", "品质保证",
    ];

    private static readonly string[] Seasons = ["2026春季", "2026夏季", "2026秋冬", "春夏季", "秋冬季", "四季通用", "夏季", "冬季", "2025新款", "2026新款"];

    private static readonly string[] Styles =
    [
        "韩版", "日系", "复古", "简约", "宽松", "修身", "百搭", "ins风", "北欧", "中国风", "欧美", "法式", "学院风", "街头", "商务",
        "休闲", "高级感", "小众设计", "轻奢", "可爱", "卡通", "极简", "国潮", "工装", "森系",
    ];

    private static readonly string[] RealFeatures =
    [
        "加厚", "防水", "透气", "大容量", "便携", "可折叠", "静音", "快充", "无线", "防滑", "耐磨", "保暖", "速干", "防晒", "抗菌",
        "多功能", "家用", "户外", "加绒", "超薄", "轻便", "耐高温", "防摔", "强力", "磁吸", "可调节", "免打孔", "一次性", "大号", "迷你",
    ];

    private static readonly string[] Materials =
    [
        "纯棉", "真丝", "不锈钢", "304不锈钢", "实木", "硅胶", "亚克力", "PP材质", "PU皮", "牛皮", "陶瓷", "玻璃", "铝合金", "塑料", "竹制",
        "帆布", "羊毛", "亚麻", "冰丝", "莫代尔", "纯铜", "碳纤维", "尼龙", "珊瑚绒", "乳胶",
    ];

    private static readonly string[] People = ["男", "女", "男女", "女士", "男士", "儿童", "学生", "情侣", "宝宝", "中老年"];

    private static readonly string[] Units = ["ml", "克", "斤", "米", "cm", "寸", "件套", "只装", "个装", "W", "mAh", "升", "码", "片"];

    private static readonly string[] Latin = ["A", "B", "C", "D", "E", "F", "G", "H", "K", "L", "M", "N", "P", "Q", "R", "S", "T", "V", "X", "Y", "Z", "Pro", "Max", "Plus", "Mini"];

    private static readonly string[] Products;
    private static readonly string[] Features;
    private static readonly string[] Brands;

    static TitleCorpus()
    {
        // Invented words from the character pool, fixed whatever corpus is asked for.
        var random = new Random(20261202);
        string Word(int length)
        {
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = Hanzi[random.Next(Hanzi.Length)];
            }

            return new string(chars);
        }

        Products = [.. RealProducts, .. Enumerable.Range(0, 5_000).Select(i => Word(2 + (i % 2)))];
        Features = [.. RealFeatures, .. Enumerable.Range(0, 2_000).Select(_ => Word(2))];
        Brands = [.. Enumerable.Range(0, 50_000).Select(i => i % 10 == 0 ? Word(2) + Latin[random.Next(Latin.Length)] : Word(2 + (i % 3 == 0 ? 1 : 0)))];
    }

    private TitleCorpus(string[] titles, (int Original, int Copy)[] planted)
    {
        Titles = titles;
        Planted = planted;
    }

    /// <summary>The titles, originals and copies mixed; a copy always comes after its original.</summary>
    public string[] Titles { get; }

    /// <summary>Indices of each planted copy and the title it copies.</summary>
    public (int Original, int Copy)[] Planted { get; }

    /// <summary><paramref name="count"/> titles of which about <paramref name="copyShare"/> are near-copies of an earlier title.</summary>
    public static TitleCorpus Generate(int count, double copyShare, int seed)
    {
        var random = new Random(seed);
        var titles = new string[count];
        var segments = new List<string>[count];
        var planted = new List<(int, int)>((int)(count * copyShare * 1.1) + 16);
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && random.NextDouble() < copyShare)
            {
                var original = random.Next(i);
                segments[i] = Edited(random, segments[original]);
                titles[i] = Join(random, segments[i]);
                planted.Add((original, i));
            }
            else
            {
                segments[i] = Compose(random);
                titles[i] = string.Concat(segments[i]);
            }
        }

        return new TitleCorpus(titles, [.. planted]);
    }

    /// <summary>One honest title, as its words.</summary>
    private static List<string> Compose(Random random)
    {
        var words = new List<string>(12);
        if (random.NextDouble() < 0.6)
        {
            words.Add(Skewed(random, Brands));
        }

        for (var m = random.Next(3); m > 0; m--)
        {
            words.Add(Skewed(random, Marketing));
        }

        if (random.NextDouble() < 0.35)
        {
            words.Add(Skewed(random, Seasons));
        }

        if (random.NextDouble() < 0.5)
        {
            words.Add(Skewed(random, Styles));
        }

        for (var f = 1 + random.Next(3); f > 0; f--)
        {
            words.Add(Skewed(random, Features));
        }

        if (random.NextDouble() < 0.5)
        {
            words.Add(Skewed(random, Materials));
        }

        words.Add(Skewed(random, Products));
        if (random.NextDouble() < 0.3)
        {
            words.Add(Skewed(random, Features) + Skewed(random, Products)); // 配件 or 套装: a second product word (手机壳钢化膜, 茶杯茶盘)
        }

        if (random.NextDouble() < 0.3)
        {
            words.Add(Skewed(random, People));
        }

        if (random.NextDouble() < 0.5)
        {
            words.Add(Model(random));
        }

        if (random.NextDouble() < 0.4)
        {
            words.Add(random.Next(1, 2000).ToString(System.Globalization.CultureInfo.InvariantCulture) + Units[random.Next(Units.Length)]);
        }

        if (random.NextDouble() < 0.3)
        {
            words.Add(Skewed(random, Marketing));
        }

        return words;
    }

    /// <summary>A copy of <paramref name="original"/>'s words with one to three edits.</summary>
    private static List<string> Edited(Random random, List<string> original)
    {
        var words = new List<string>(original);
        for (var e = 1 + random.Next(3); e > 0; e--)
        {
            switch (random.Next(5))
            {
                case 0 when words.Count >= 2:
                    var a = random.Next(words.Count - 1);
                    (words[a], words[a + 1]) = (words[a + 1], words[a]);
                    break;
                case 1 when words.Count >= 3:
                    words.RemoveAt(random.Next(words.Count));
                    break;
                case 2:
                    words.Insert(random.Next(words.Count + 1), random.NextDouble() < 0.5 ? Skewed(random, Marketing) : Skewed(random, Features));
                    break;
                case 3 when words.Count >= 1:
                    var r = random.Next(words.Count);
                    words[r] = random.NextDouble() < 0.5 ? Skewed(random, Marketing) : Model(random);
                    break;
                default:
                    words.Add(Skewed(random, Marketing));
                    break;
            }
        }

        return words;
    }

    /// <summary>A copy's words joined, sometimes with spaces or upper-case letters (both ignored by the signature).</summary>
    private static string Join(Random random, List<string> words)
    {
        var text = new StringBuilder(64);
        var spaced = random.NextDouble() < 0.2;
        foreach (var w in words)
        {
            if (spaced && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(random.NextDouble() < 0.1 ? w.ToUpperInvariant() : w);
        }

        return text.ToString();
    }

    private static string Model(Random random)
        => Latin[random.Next(Latin.Length)] + random.Next(1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A word, the first ones of the list much more often than the last (index ∝ u², so the first of n words comes with probability 1 ÷ √n).</summary>
    private static string Skewed(Random random, string[] words)
    {
        var u = random.NextDouble();
        return words[(int)(u * u * words.Length)];
    }
}
