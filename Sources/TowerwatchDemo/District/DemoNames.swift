import TowerwatchCore

/// The words the demo district is built from: towers, property companies,
/// tenants' names and the people's names. Plain tables, so a reader can see
/// the district at a glance; `DemoDistrict` turns them into commands.
enum DemoNames {
    // MARK: - Property companies

    /// 11 property companies (the report counts 10 before the programme and 12 after).
    static let companies: [String] = [
        "中福物业管理有限公司",       // PC-01: 中福广场 and its neighbours
        "福田银座物业服务有限公司",    // PC-02
        "钱江金融城物业管理有限公司",  // PC-03
        "之江商务物业有限公司",       // PC-04
        "西湖置业物业服务有限公司",    // PC-05
        "运河城市服务有限公司",       // PC-06
        "望江物业管理有限公司",       // PC-07
        "城星楼宇管理有限公司",       // PC-08
        "汇金物业服务有限公司",       // PC-09
        "东方金座物业管理有限公司",    // PC-10
        "钱塘智慧物业有限公司",       // PC-11
    ]

    // MARK: - Towers

    struct TowerSpec {
        let name: String
        let english: String
        /// Index into `companies`.
        let company: Int
        let floors: Int
    }

    /// 27 towers; the first two are the ones the report names.
    static let towers: [TowerSpec] = [
        TowerSpec(name: "中福广场", english: "Zhongfu Plaza", company: 0, floors: 38),
        TowerSpec(name: "福田银座", english: "Futian Yinzuo", company: 1, floors: 32),
        TowerSpec(name: "钱江金融中心", english: "Qianjiang Financial Centre", company: 2, floors: 45),
        TowerSpec(name: "之江国际大厦", english: "Zhijiang International Tower", company: 3, floors: 28),
        TowerSpec(name: "西湖财富中心", english: "West Lake Fortune Centre", company: 4, floors: 36),
        TowerSpec(name: "运河商务大厦", english: "Grand Canal Business Tower", company: 5, floors: 22),
        TowerSpec(name: "望江时代广场", english: "Wangjiang Times Square", company: 6, floors: 31),
        TowerSpec(name: "城星国际中心", english: "Chengxing International Centre", company: 7, floors: 40),
        TowerSpec(name: "汇金大厦", english: "Huijin Tower", company: 8, floors: 26),
        TowerSpec(name: "东方金座", english: "Oriental Gold Tower", company: 9, floors: 33),
        TowerSpec(name: "钱塘科创中心", english: "Qiantang Innovation Centre", company: 10, floors: 24),
        TowerSpec(name: "中福广场二期", english: "Zhongfu Plaza Phase II", company: 0, floors: 29),
        TowerSpec(name: "新世纪大厦", english: "New Century Tower", company: 2, floors: 18),
        TowerSpec(name: "海潮国际", english: "Haichao International", company: 3, floors: 35),
        TowerSpec(name: "万象商务中心", english: "Wanxiang Business Centre", company: 4, floors: 27),
        TowerSpec(name: "恒信大厦", english: "Hengxin Tower", company: 5, floors: 21),
        TowerSpec(name: "瑞丰国际", english: "Ruifeng International", company: 6, floors: 30),
        TowerSpec(name: "嘉和大厦", english: "Jiahe Tower", company: 7, floors: 16),
        TowerSpec(name: "天元大厦", english: "Tianyuan Tower", company: 8, floors: 25),
        TowerSpec(name: "金色港湾", english: "Golden Harbour Tower", company: 9, floors: 34),
        TowerSpec(name: "凯旋银座", english: "Kaixuan Yinzuo", company: 1, floors: 23),
        TowerSpec(name: "星光国际", english: "Starlight International", company: 10, floors: 42),
        TowerSpec(name: "东海国际", english: "Donghai International", company: 2, floors: 37),
        TowerSpec(name: "锦绣大厦", english: "Jinxiu Tower", company: 3, floors: 15),
        TowerSpec(name: "和平金融大厦", english: "Heping Finance Tower", company: 7, floors: 39),
        TowerSpec(name: "云栖商务中心", english: "Yunqi Business Centre", company: 9, floors: 20),
        TowerSpec(name: "明珠国际", english: "Pearl International", company: 6, floors: 44),
    ]

    // MARK: - Tenants

    /// Kinds of tenant, with how many of each 12 a tower usually has.
    static let tenantKinds: [(kind: String, weight: Int)] = [
        ("office", 62), ("restaurant", 12), ("retail", 8), ("clinic", 4), ("bank", 4),
        ("education", 4), ("gym", 3), ("hotel", 3),
    ]

    static let brandWords: [String] = [
        "云帆", "数智", "金桥", "汇通", "鼎盛", "华信", "启明", "博远", "嘉禾", "瑞思", "恒达", "众联",
        "天衡", "新程", "卓越", "银杉", "蓝海", "聚合", "中瀚", "星辰", "青禾", "同创", "锐思", "德润",
        "正和", "安信", "海纳", "明德", "泰和", "百川", "睿智", "宏图", "东升", "融汇", "鸿运", "慧眼",
    ]

    static let officeTrades: [String] = [
        "科技有限公司", "网络科技有限公司", "投资管理有限公司", "律师事务所", "会计师事务所", "证券营业部",
        "保险代理有限公司", "文化传媒有限公司", "供应链管理有限公司", "建筑设计有限公司", "咨询有限公司",
        "电子商务有限公司", "人力资源有限公司", "基金管理有限公司", "数据服务有限公司", "广告有限公司",
    ]

    static let tradesByKind: [String: [String]] = [
        "restaurant": ["川菜馆", "面馆", "火锅店", "茶餐厅", "小吃店", "咖啡馆", "料理", "烧烤", "私房菜"],
        "retail": ["便利店", "花店", "书店", "眼镜店", "数码店", "药房", "烘焙坊"],
        "clinic": ["口腔诊所", "中医馆", "体检中心", "门诊部"],
        "bank": ["银行支行", "农商银行营业部", "信用社网点"],
        "education": ["培训学校", "语言中心", "职业技能培训中心"],
        "gym": ["健身会所", "瑜伽馆", "游泳健身中心"],
        "hotel": ["酒店", "公寓酒店", "商务酒店"],
    ]

    static let placePrefixes: [String] = ["杭州", "浙江", "钱江", "西湖", "之江", "滨江", "湖滨", "武林"]

    /// The newly arrived restaurant of the report, in 中福广场: renovation waste by its escape route.
    static let newRestaurant = (name: "湘里人家餐厅（新入驻）", floor: "2")

    // MARK: - People

    static let surnames: [String] = [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
        "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田",
        "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "沈", "姚",
        "卢", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "贾", "夏", "方", "邹", "熊", "孟",
        "秦", "邱", "侯", "江", "尹", "薛", "段", "雷", "龙", "史", "陶", "贺", "毛", "郝", "顾", "龚", "邵",
        "万", "钱", "戴", "严", "欧阳", "诸葛", "司马",
    ]

    static let givenNames: [String] = [
        "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞", "鑫",
        "波", "宁", "浩", "芳", "敏", "静", "丽", "娟", "霞", "燕", "玲", "婷", "倩", "建国", "志强", "海涛",
        "晓东", "俊杰", "子豪", "宇航", "文博", "国庆", "建华", "红梅", "秀英", "桂芳", "春生", "立新", "永刚",
        "振华", "家豪", "思远", "浩然", "雨欣", "梦琪", "佳怡", "晨阳", "天宇", "一鸣", "建军", "卫东", "新民",
        "德胜", "金龙", "海燕", "丽华", "志刚", "建平", "小龙", "凯", "翔", "亮", "峰", "健", "彬", "昊",
    ]

    /// Chinese numerals 1...99 (for team names: 巡防十二队).
    static func numeral(_ n: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + digits[ones]
    }

    /// The 12 categories of the guards' regular training: the programme's own list.
    static let training: [String] = TrainingCategories.all

    static let officers: [String] = ["赵建明", "孙丽华", "钱志远", "周海涛"]
}
