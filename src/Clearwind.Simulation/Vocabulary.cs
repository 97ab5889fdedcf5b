namespace Clearwind.Simulation;

/// <summary>Word lists for Chinese marketplace text. Brands, companies and people are invented.</summary>
/// <remarks>
/// Titles are built from these lists, so they keep a few rules that make a title's words unambiguous: no value of a
/// title-named attribute (<see cref="Category.KeyAttribute"/>, 风格, 适用性别) is part of another value of the same
/// attribute or of any product, feature or marketing word, and no brand is part of another word. An honest title then
/// names only its listing's own attribute values and its shop's own brands, which is what cheating titles break.
/// </remarks>
internal static partial class Vocabulary
{
    /// <summary>The style attribute (its value may appear in titles).</summary>
    public const string Style = "风格";

    /// <summary>The gender attribute (titles say 女/男 accordingly).</summary>
    public const string Gender = "适用性别";

    /// <summary>The brand attribute.</summary>
    public const string Brand = "品牌";

    private static readonly string[] ApparelKinds = ["服饰有限公司", "服装有限公司", "电子商务有限公司", "贸易有限公司"];

    // The first nine keep their places (other code may know them by index); the rest follow.
    public static readonly Category[] Categories =
    [
        new("女装/连衣裙", ["连衣裙", "半身裙", "针织开衫", "卫衣", "羽绒服", "风衣", "衬衫", "毛衣"],
            [("尺码", ["S", "M", "L", "XL"]), ("颜色", ["黑色", "白色", "杏色", "雾霾蓝", "酒红色", "燕麦色"]),
             ("面料", ["纯棉", "涤纶", "真丝", "羊毛", "雪纺", "亚麻"]), (Style, ["韩版", "法式", "通勤", "复古", "简约", "甜美"]), (Gender, ["女"])],
            129, 450)
        {
            PriceSpread = 0.55,
            KeyAttribute = "面料",
            ProductKeyValues = new Dictionary<string, string[]>
            {
                ["针织开衫"] = ["羊毛", "纯棉"], ["卫衣"] = ["纯棉", "涤纶"], ["羽绒服"] = ["涤纶"], ["风衣"] = ["纯棉", "涤纶"], ["毛衣"] = ["羊毛", "纯棉"],
            },
            Features = ["显瘦", "收腰", "百搭", "气质", "高腰", "加厚", "薄款", "小个子", "大码", "宽松", "垂感"],
            PriceFactors = new Dictionary<string, double> { ["羽绒服"] = 2.4, ["风衣"] = 1.6, ["毛衣"] = 1.1, ["卫衣"] = 0.8, ["衬衫"] = 0.8, ["半身裙"] = 0.8 },
            Companions = new Dictionary<string, string>
            {
                ["连衣裙"] = "长裙", ["半身裙"] = "短裙", ["针织开衫"] = "外套", ["卫衣"] = "上衣", ["羽绒服"] = "外套", ["风衣"] = "外套", ["衬衫"] = "上衣", ["毛衣"] = "打底衫",
            },
            Brands = ["初见", "木槿", "半糖", "素描", "拾光"],
            CompanyKinds = ApparelKinds,
        },
        new("男装", ["T恤", "衬衫", "夹克", "九分裤", "羽绒服", "卫衣", "外套", "西装"],
            [("尺码", ["M", "L", "XL", "XXL", "3XL"]), ("颜色", ["黑色", "藏青", "灰色", "卡其色", "白色"]),
             ("面料", ["纯棉", "涤纶", "羊毛", "亚麻", "皮毛一体"]), ("版型", ["修身", "宽松", "直筒"]), (Style, ["商务", "休闲", "潮流", "简约", "复古"]), (Gender, ["男"])],
            159, 550)
        {
            PriceSpread = 0.55,
            KeyAttribute = "面料",
            ProductKeyValues = new Dictionary<string, string[]>
            {
                ["T恤"] = ["纯棉", "涤纶", "亚麻"], ["衬衫"] = ["纯棉", "亚麻", "涤纶"], ["夹克"] = ["涤纶", "纯棉", "皮毛一体"], ["九分裤"] = ["纯棉", "涤纶", "亚麻"],
                ["羽绒服"] = ["涤纶"], ["卫衣"] = ["纯棉", "涤纶"], ["外套"] = ["涤纶", "羊毛", "皮毛一体"], ["西装"] = ["羊毛", "涤纶"],
            },
            Features = ["加厚", "春秋", "青年", "中年", "大码", "纯色", "条纹", "薄款", "免烫"],
            PriceFactors = new Dictionary<string, double> { ["T恤"] = 0.45, ["衬衫"] = 0.8, ["羽绒服"] = 2.4, ["西装"] = 2.5, ["卫衣"] = 0.8, ["外套"] = 1.5 },
            Companions = new Dictionary<string, string>
            {
                ["T恤"] = "短袖", ["衬衫"] = "衬衣", ["夹克"] = "外套", ["九分裤"] = "长裤", ["羽绒服"] = "外套", ["卫衣"] = "上衣", ["外套"] = "夹克", ["西装"] = "套装",
            },
            Brands = ["朗逸", "白鹿原", "远山", "驰锋"],
            CompanyKinds = ApparelKinds,
        },
        new("手机数码", ["蓝牙耳机", "充电宝", "数据线", "手机壳", "智能手环", "钢化膜", "无线鼠标"],
            [("颜色", ["黑色", "白色", "星空蓝", "樱花粉"]), ("型号", ["标准版", "Pro", "Max", "青春版"]), ("保修", ["一年", "两年"])],
            79, 220)
        {
            PriceSpread = 0.8,
            Features = ["便携", "防摔", "高清", "磁吸", "迷你", "快充", "耐用"],
            Companions = new Dictionary<string, string>
            {
                ["蓝牙耳机"] = "耳麦", ["充电宝"] = "移动电源", ["数据线"] = "充电线", ["手机壳"] = "保护套", ["钢化膜"] = "保护膜", ["智能手环"] = "计步器",
            },
            CompatibleProducts = ["手机壳", "钢化膜", "数据线"],
            PriceFactors = new Dictionary<string, double>
            {
                ["蓝牙耳机"] = 1.6, ["充电宝"] = 1.2, ["数据线"] = 0.3, ["手机壳"] = 0.35, ["智能手环"] = 2.2, ["钢化膜"] = 0.25, ["无线鼠标"] = 0.8,
            },
            Brands = ["星河", "蓝鲸", "米粒", "北极光", "星野"],
            CompanyKinds = ["电子科技有限公司", "科技有限公司", "电子商务有限公司"],
        },
        new("美妆个护", ["口红", "面膜", "精华液", "防晒霜", "洗面奶", "护手霜"],
            [("规格", ["30ml", "50ml", "100ml", "10片装"]), ("适合肤质", ["任何肤质", "干性", "油性", "混合性"]), ("功效", ["补水", "保湿", "控油", "修护", "提亮"])],
            89, 160)
        {
            PriceSpread = 0.7,
            KeyAttribute = "功效",
            ProductKeyValues = new Dictionary<string, string[]> { ["口红"] = ["保湿", "提亮"], ["洗面奶"] = ["控油", "保湿", "补水"], ["护手霜"] = ["保湿", "修护"] },
            Features = ["温和", "清爽", "持久", "滋润", "学生党", "敏感肌", "平价"],
            Companions = new Dictionary<string, string> { ["面膜"] = "面贴膜", ["防晒霜"] = "防晒乳", ["洗面奶"] = "洁面乳" },
            Brands = ["青柠", "悦享", "晨曦", "若白", "豆蔻"],
            CompanyKinds = ["化妆品有限公司", "生物科技有限公司", "贸易有限公司"],
        },
        new("食品生鲜", ["坚果礼盒", "牛肉干", "红茶", "螺蛳粉", "脐橙", "手工饼干", "蜂蜜"],
            [("净含量", ["250g", "500g", "1kg", "2.5kg", "5斤"]), ("产地", ["云南", "广西", "新疆", "四川", "江西", "福建", "浙江"]), ("保质期", ["30天", "180天", "12个月", "18个月"])],
            49, 1100)
        {
            PriceSpread = 0.6,
            KeyAttribute = "产地",
            Features = ["独立包装", "休闲零食", "现货", "新鲜", "散装", "年货", "整箱"],
            Companions = new Dictionary<string, string> { ["坚果礼盒"] = "零食大礼包", ["牛肉干"] = "肉脯", ["脐橙"] = "橙子", ["手工饼干"] = "曲奇", ["红茶"] = "茶叶" },
            Brands = ["山海集", "南山记", "小熊猫", "麦田", "橘生"],
            CompanyKinds = ["食品有限公司", "农业发展有限公司", "贸易有限公司"],
        },
        new("家居日用", ["收纳盒", "保温杯", "拖把", "毛巾", "晾衣架", "垃圾桶"],
            [("材质", ["PP", "楠竹", "304不锈钢", "316不锈钢", "铝合金", "实木", "纯棉", "竹纤维"]), ("颜色", ["白色", "灰色", "原木色", "墨绿"]),
             (Style, ["北欧", "极简", "日式", "简约"]), ("适用空间", ["客厅", "卧室", "厨房", "浴室"])],
            39, 800)
        {
            PriceSpread = 0.7,
            KeyAttribute = "材质",
            ProductKeyValues = new Dictionary<string, string[]>
            {
                ["收纳盒"] = ["PP", "楠竹"], ["保温杯"] = ["304不锈钢", "316不锈钢"], ["拖把"] = ["PP", "铝合金"], ["毛巾"] = ["纯棉", "竹纤维"],
                ["晾衣架"] = ["304不锈钢", "铝合金", "实木"], ["垃圾桶"] = ["PP", "304不锈钢"],
            },
            Features = ["家用", "大容量", "加厚", "便携", "免打孔", "可折叠"],
            PriceFactors = new Dictionary<string, double> { ["保温杯"] = 1.6, ["毛巾"] = 0.5, ["晾衣架"] = 1.8, ["收纳盒"] = 0.8, ["垃圾桶"] = 0.8 },
            Companions = new Dictionary<string, string>
            {
                ["收纳盒"] = "收纳箱", ["保温杯"] = "水杯", ["拖把"] = "墩布", ["毛巾"] = "面巾", ["晾衣架"] = "衣架", ["垃圾桶"] = "纸篓",
            },
            Brands = ["禾木", "森屿", "知竹", "栖木", "九木"],
            CompanyKinds = ["家居用品有限公司", "日用品有限公司", "贸易有限公司"],
        },
        new("母婴用品", ["纸尿裤", "奶瓶", "婴儿湿巾", "积木玩具", "辅食碗", "儿童水杯"],
            [("适用年龄", ["0-6个月", "6-12个月", "1-3岁", "3岁以上"]), ("规格", ["S码", "M码", "L码", "80抽"])],
            79, 650)
        {
            PriceSpread = 0.6,
            Features = ["新生儿", "宝宝", "婴儿", "儿童", "便携", "安全"],
            Companions = new Dictionary<string, string> { ["纸尿裤"] = "拉拉裤", ["积木玩具"] = "益智玩具", ["辅食碗"] = "餐具" },
            PriceFactors = new Dictionary<string, double> { ["纸尿裤"] = 1.3, ["婴儿湿巾"] = 0.4, ["积木玩具"] = 1.5, ["辅食碗"] = 0.5, ["儿童水杯"] = 0.7 },
            Brands = ["暖阳", "知夏", "橙意", "云岫"],
            CompanyKinds = ["母婴用品有限公司", "贸易有限公司", "电子商务有限公司"],
        },
        new("运动户外", ["跑步鞋", "瑜伽垫", "登山包", "运动水壶", "速干衣", "跳绳"],
            [("尺码", ["39", "40", "41", "42", "43"]), ("颜色", ["黑色", "荧光绿", "天空蓝"]), ("适用场景", ["跑步", "健身", "徒步"])],
            129, 700)
        {
            PriceSpread = 0.7,
            Features = ["轻便", "透气", "防滑", "专业", "减震", "耐磨"],
            Companions = new Dictionary<string, string> { ["瑜伽垫"] = "健身垫", ["运动水壶"] = "水杯" },
            PriceFactors = new Dictionary<string, double> { ["跑步鞋"] = 2.0, ["瑜伽垫"] = 0.6, ["登山包"] = 1.5, ["运动水壶"] = 0.35, ["跳绳"] = 0.25 },
            Brands = ["绿野", "乐途", "驰野"],
            CompanyKinds = ["体育用品有限公司", "户外用品有限公司", "贸易有限公司"],
        },
        new("家用电器", ["电饭煲", "空气炸锅", "电动牙刷", "吹风机", "加湿器", "破壁机"],
            [("功率", ["800W", "1200W", "1800W"]), ("容量", ["2L", "3L", "4L", "5L"]), ("颜色", ["白色", "奶油色", "灰色"])],
            299, 2600)
        {
            PriceSpread = 0.7,
            Features = ["智能", "静音", "家用", "迷你", "小型", "多功能"],
            Companions = new Dictionary<string, string> { ["吹风机"] = "电吹风", ["破壁机"] = "料理机" },
            PriceFactors = new Dictionary<string, double> { ["电饭煲"] = 1.2, ["空气炸锅"] = 1.1, ["电动牙刷"] = 0.6, ["吹风机"] = 0.7, ["加湿器"] = 0.5, ["破壁机"] = 1.6 },
            Brands = ["优品汇", "沐光", "苏禾", "听澜"],
            CompanyKinds = ["电器有限公司", "科技有限公司", "电子商务有限公司"],
        },
        new("鞋靴", ["小白鞋", "乐福鞋", "板鞋", "马丁靴", "运动鞋", "凉鞋", "老爹鞋"],
            [("尺码", ["35", "36", "37", "38", "39", "40", "41", "42", "43", "44"]), ("颜色", ["黑色", "白色", "米白", "棕色"]),
             ("帮面材质", ["真皮", "PU", "网布", "翻毛皮", "帆布"]), (Style, ["休闲", "复古", "英伦", "学院", "简约"]), (Gender, ["女", "男", "男女通用"])],
            159, 900)
        {
            PriceSpread = 0.6,
            KeyAttribute = "帮面材质",
            ProductKeyValues = new Dictionary<string, string[]>
            {
                ["小白鞋"] = ["真皮", "PU"], ["乐福鞋"] = ["真皮", "PU", "翻毛皮"], ["板鞋"] = ["帆布", "PU", "真皮"], ["马丁靴"] = ["真皮", "PU", "翻毛皮"],
                ["运动鞋"] = ["网布", "PU"], ["凉鞋"] = ["真皮", "PU"], ["老爹鞋"] = ["网布", "PU", "真皮"],
            },
            Features = ["厚底", "增高", "透气", "防滑", "百搭", "软底", "一脚蹬"],
            Companions = new Dictionary<string, string>
            {
                ["小白鞋"] = "板鞋", ["乐福鞋"] = "单鞋", ["马丁靴"] = "短靴", ["运动鞋"] = "跑鞋", ["凉鞋"] = "拖鞋", ["老爹鞋"] = "运动鞋",
            },
            Brands = ["鹿角巷", "南枝", "溪语", "步云"],
            CompanyKinds = ["鞋业有限公司", "贸易有限公司", "电子商务有限公司"],
        },
        new("箱包", ["双肩包", "托特包", "斜挎包", "钱包", "行李箱", "手提包"],
            [("材质", ["牛皮", "PU", "帆布", "尼龙", "PC"]), ("颜色", ["黑色", "卡其色", "酒红色", "灰色"]), (Style, ["简约", "复古", "日系", "韩版", "商务"])],
            139, 800)
        {
            PriceSpread = 0.7,
            KeyAttribute = "材质",
            ProductKeyValues = new Dictionary<string, string[]>
            {
                ["双肩包"] = ["牛皮", "PU", "帆布", "尼龙"], ["托特包"] = ["帆布", "牛皮", "PU"], ["斜挎包"] = ["牛皮", "PU", "尼龙"], ["钱包"] = ["牛皮", "PU"],
                ["行李箱"] = ["PC", "尼龙"], ["手提包"] = ["牛皮", "PU"],
            },
            Features = ["大容量", "防水", "轻便", "百搭", "多功能", "防盗"],
            Companions = new Dictionary<string, string> { ["双肩包"] = "书包", ["斜挎包"] = "单肩包", ["钱包"] = "卡包", ["行李箱"] = "拉杆箱", ["手提包"] = "女包" },
            PriceFactors = new Dictionary<string, double> { ["行李箱"] = 2.2, ["钱包"] = 0.7, ["托特包"] = 0.8 },
            Brands = ["云朵", "清风徐", "枫语", "青岚"],
            CompanyKinds = ["皮具有限公司", "箱包有限公司", "贸易有限公司"],
        },
        new("钟表", ["手表", "腕表", "怀表", "计时码表"],
            [("机芯类型", ["石英", "机械", "光动能", "电子"]), ("表带材质", ["钢带", "皮带", "硅胶", "编织"]), (Gender, ["男", "女", "男女通用"]),
             ("防水深度", ["生活防水", "50米", "100米"]), (Style, ["商务", "简约", "复古", "时尚"])],
            299, 300)
        {
            PriceSpread = 0.8,
            KeyAttribute = "机芯类型",
            ProductKeyValues = new Dictionary<string, string[]> { ["怀表"] = ["石英", "机械"], ["计时码表"] = ["石英", "机械", "光动能"] },
            Features = ["夜光", "日历", "镂空", "防水", "轻薄"],
            Brands = ["望舒", "鲸落", "锦绣"],
            CompanyKinds = ["钟表有限公司", "贸易有限公司"],
        },
        new("床上用品", ["四件套", "被子", "枕头", "凉席", "毛毯", "床笠"],
            [("材质", ["纯棉", "长绒棉", "天丝", "真丝", "磨毛", "珊瑚绒", "法兰绒", "冰丝", "藤编"]), ("颜色", ["米白", "浅灰", "豆沙粉", "雾蓝"]),
             (Style, ["北欧", "简约", "中式", "公主风", "田园"]), ("尺寸", ["1.5m床", "1.8m床", "2.0m床"])],
            199, 2000)
        {
            PriceSpread = 0.6,
            KeyAttribute = "材质",
            ProductKeyValues = new Dictionary<string, string[]>
            {
                ["四件套"] = ["纯棉", "长绒棉", "天丝", "真丝", "磨毛"], ["被子"] = ["纯棉", "长绒棉", "天丝", "真丝"], ["枕头"] = ["纯棉", "长绒棉", "天丝"],
                ["凉席"] = ["冰丝", "藤编"], ["毛毯"] = ["珊瑚绒", "法兰绒"], ["床笠"] = ["纯棉", "磨毛", "天丝"],
            },
            Features = ["加厚", "亲肤", "四季通用", "学生宿舍", "水洗", "双人"],
            Companions = new Dictionary<string, string> { ["四件套"] = "床单", ["被子"] = "被芯", ["枕头"] = "枕芯", ["凉席"] = "席子", ["毛毯"] = "盖毯", ["床笠"] = "床罩" },
            PriceFactors = new Dictionary<string, double> { ["四件套"] = 1.4, ["被子"] = 1.5, ["枕头"] = 0.4, ["凉席"] = 0.8, ["毛毯"] = 0.7, ["床笠"] = 0.45 },
            Brands = ["梦乡", "初晴", "暖织", "云栖"],
            CompanyKinds = ["家纺有限公司", "纺织品有限公司", "贸易有限公司"],
        },
        new("五金工具", ["电钻", "扳手套装", "自攻螺丝", "五金冲压件", "角磨机", "电动喷雾器"],
            [("材质", ["铬钒钢", "碳钢", "304不锈钢", "铝合金", "铜"]), ("规格", ["标准款", "加强款", "工业款"]), ("包装", ["盒装", "袋装", "散装"])],
            59, 1500)
        {
            PriceSpread = 0.75,
            KeyAttribute = "材质",
            ProductKeyValues = new Dictionary<string, string[]>
            {
                ["电钻"] = [], ["角磨机"] = [], ["电动喷雾器"] = [], ["扳手套装"] = ["铬钒钢", "碳钢"], ["自攻螺丝"] = ["碳钢", "304不锈钢", "铜"],
                ["五金冲压件"] = ["碳钢", "304不锈钢", "铝合金", "铜"],
            },
            Features = ["可定制", "来图加工", "多功能", "厂家现货", "耐用", "加硬"],
            Companions = new Dictionary<string, string> { ["电钻"] = "冲击钻", ["自攻螺丝"] = "螺钉", ["五金冲压件"] = "五金加工件", ["电动喷雾器"] = "喷药机", ["角磨机"] = "切割机" },
            PriceFactors = new Dictionary<string, double> { ["自攻螺丝"] = 0.004, ["五金冲压件"] = 0.05, ["电钻"] = 3, ["角磨机"] = 2.5, ["电动喷雾器"] = 2.5 },
            Brands = ["巧工", "千锤", "犇牛"],
            CompanyKinds = ["五金制品有限公司", "机械有限公司", "工具有限公司"],
        },
    ];

    public static readonly double[] CategoryWeights = [14, 10, 11, 10, 12, 10, 7, 7, 8, 8, 5, 3, 6, 5];

    /// <summary>Every brand, by category.</summary>
    public static readonly string[] Brands = [.. Categories.SelectMany(c => c.Brands)];

    /// <summary>How each gender reads in a title.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> GenderWords = new Dictionary<string, string[]>
    {
        ["女"] = ["女", "女士", "女款"],
        ["男"] = ["男", "男士", "男款"],
        ["男女通用"] = ["男女同款", "情侣款"],
    };

    /// <summary>Marketing words of titles (never an attribute value, a product or a brand).</summary>
    public static readonly string[] TitleWords =
    [
        "新款", "2026秋冬", "春夏季", "正品", "包邮", "网红同款", "爆款", "厂家直销", "一件代发", "批发",
        "现货", "定制", "送礼", "精选", "升级款", "原创", "限时特价", "工厂直供", "外贸", "跨境", "热卖", "实拍",
    ];

    public static readonly string[] SellingPoints =
    [
        "精选优质原料", "做工精细", "支持七天无理由退换", "品质保证", "多色可选", "工厂直供",
        "限时优惠", "买二送一", "顺丰包邮", "老顾客回购率高", "专柜同款", "假一赔十",
        "细节处理到位", "实物拍摄", "支持批发定制", "源头工厂", "厂家一手货源", "质检合格", "量大从优", "支持一件代发",
    ];

    public static readonly string[] ShippingNotes =
    [
        "下单后48小时内发货", "当天16点前下单当天发", "偏远地区不包邮", "默认中通快递", "可指定顺丰需补差价",
    ];

    public static readonly string[] Cities =
    [
        "杭州", "广州", "义乌", "深圳", "上海", "成都", "苏州", "泉州", "武汉", "厦门",
        "温州", "东莞", "佛山", "宁波", "青岛", "郑州", "临沂", "南通", "永康", "晋江", "揭阳", "汕头", "金华", "常州", "中山",
    ];

    /// <summary>Trade names companies are called by (the part between the city and the kind of company).</summary>
    public static readonly string[] CompanyWords =
    [
        "云帆", "锦程", "鑫源", "恒达", "优品", "汇通", "佳禾", "星辰", "华美", "嘉诚",
        "永盛", "瑞丰", "宏图", "金诺", "博远", "鼎盛", "昌隆", "德润", "启航", "万和",
        "聚鑫", "荣华", "天成", "新锐", "盈创", "恒信", "百川", "泰和", "同创", "立信",
        "安达", "广源", "亿佳", "联发", "美嘉", "诚越", "卓远", "富润", "晟达", "凯旋",
    ];

    public static readonly string[] CompanyKinds = ["电子商务有限公司", "贸易有限公司", "科技有限公司", "服饰有限公司", "食品有限公司"];

    public static readonly string[] ShopSuffixes = ["旗舰店", "专营店", "官方店", "小店", "的店", "优选", "工厂店"];

    /// <summary>How a company's own shops without brands end their names.</summary>
    public static readonly string[] CompanyShopSuffixes = ["工厂店", "源头工厂", "优选", "商行", "生活馆", "实业店", "批发部", "严选"];

    /// <summary>How an authorised reseller's shop ends its name.</summary>
    public static readonly string[] ResellerSuffixes = ["专营店", "专卖店", "授权店"];

    /// <summary>How a brand owner's second shop ends its name.</summary>
    public static readonly string[] OwnerOutletSuffixes = ["工厂店", "企业店", "直营店"];

    public static readonly string[] NicknameHeads = ["小", "阿", "大", "老", "萌", "甜", "酷"];

    public static readonly string[] NicknameWords =
    [
        "猫", "鱼", "兔子", "熊", "橙子", "柠檬", "星星", "月亮", "桃子", "奶茶", "饺子", "汤圆", "果冻", "豆豆", "叮当",
    ];

    public static readonly (string Province, string City, string[] Districts)[] Places =
    [
        ("浙江省", "杭州市", ["西湖区", "余杭区", "滨江区", "拱墅区"]),
        ("广东省", "广州市", ["天河区", "海珠区", "白云区", "番禺区"]),
        ("广东省", "深圳市", ["南山区", "福田区", "宝安区", "龙岗区"]),
        ("江苏省", "南京市", ["鼓楼区", "玄武区", "江宁区"]),
        ("上海市", "上海市", ["浦东新区", "徐汇区", "闵行区", "杨浦区"]),
        ("北京市", "北京市", ["朝阳区", "海淀区", "丰台区", "通州区"]),
        ("四川省", "成都市", ["武侯区", "锦江区", "高新区"]),
        ("湖北省", "武汉市", ["洪山区", "江汉区", "武昌区"]),
        ("山东省", "青岛市", ["市南区", "崂山区", "黄岛区"]),
        ("河南省", "郑州市", ["金水区", "二七区", "中原区"]),
    ];

    public static readonly string[] Streets = ["文三路", "中山路", "人民路", "解放路", "建设路", "学院路", "南京路", "长江路", "科技园路", "滨江大道"];

    public static readonly string[] PhonePrefixes =
    [
        "134", "135", "136", "137", "138", "139", "150", "151", "152", "157", "158", "159", "182", "183", "187", "188",
        "130", "131", "132", "155", "156", "185", "186", "133", "153", "180", "181", "189", "177", "199",
    ];

    /// <summary>Virtual-operator ranges (虚拟号段), favoured by throwaway accounts.</summary>
    public static readonly string[] VirtualPhonePrefixes = ["170", "171", "165", "167"];

    public static readonly string[] IspPrefixes =
    [
        "101.", "111.", "112.", "113.", "114.", "115.", "116.", "117.", "118.", "119.", "120.", "121.",
        "122.", "123.", "124.", "125.", "180.", "182.", "183.", "218.", "219.", "220.", "221.", "222.",
    ];

    public static readonly (string Name, string Prefix, int Digits)[] Carriers =
    [
        ("中通快递", "75", 12), ("圆通速递", "YT", 13), ("韵达快递", "43", 13), ("申通快递", "77", 12),
        ("顺丰速运", "SF", 13), ("京东物流", "JD", 13), ("邮政EMS", "98", 11),
    ];

    public static readonly string[] NegativeReviews =
    [
        "质量太差了，和图片不一样", "发货太慢了，客服也不回消息", "用了两天就坏了，已申请退款", "尺码偏小，退换很麻烦",
    ];

    /// <summary>The templated praise that bought reviews repeat.</summary>
    public static readonly string[] BoughtReviews =
    [
        "好评好评！质量非常好，物流很快，五星好评！", "非常满意的一次购物，推荐购买！", "宝贝很好，卖家服务态度好，好评！",
    ];

    public static readonly string[] BuyerQuestions = ["在吗？", "这个还有货吗？", "什么时候发货？", "可以便宜一点吗？", "尺码怎么选？", "有优惠券吗？"];

    public static readonly string[] SellerAnswers =
    [
        "亲，在的，有什么可以帮您？", "有货的亲，下单当天发货", "亲，48小时内发货哦", "亲，已经是最低价了呢",
        "亲，参考详情页尺码表哦", "亲，领店铺券满99减10哦",
    ];

    public static readonly string[] ReportDescriptions =
    [
        "该账号多次拍下不付款，占用库存", "该买家以差评威胁要求返现", "对方盗用我店主图", "该账号在其他平台兜售刷单服务",
        "怀疑为职业差评师，多个店铺收到同样差评",
    ];

    public static readonly string[] AdKeywordSuffixes = ["", "女", "男", "推荐", "正品", "便宜", "新款"];

    /// <summary>Relative activity by hour of day (a Chinese marketplace: quiet at night, peaks at lunch and 20–22h).</summary>
    public static readonly double[] HourWeights = [3, 2, 1, 0.5, 0.4, 0.5, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 5, 5, 5, 6, 8, 9, 8, 5];
}
