namespace Matching.Load.Generation;

/// <summary>
/// The words the generator writes with: per field at least 26 bilingual technical concepts, a cross-field
/// general vocabulary, institutions and company kinds. Field codes follow the demo corpus.
/// </summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<TechField> Fields =
    [
        Field("quantum-computing", "量子计算|quantum computing", """
            超导量子比特|superconducting qubit
            量子纠错|quantum error correction
            量子线路编译|quantum circuit compiler
            稀释制冷机|dilution refrigerator
            离子阱|trapped ion
            量子退火|quantum annealing
            量子模拟|quantum simulation
            量子密钥分发|quantum key distribution
            单光子探测器|single-photon detector
            量子随机数发生器|quantum random number generator
            门保真度|gate fidelity
            相干时间|coherence time
            量子芯片|quantum chip
            量子云平台|quantum cloud platform
            约瑟夫森结|Josephson junction
            量子测控系统|qubit control electronics
            微波脉冲校准|microwave pulse calibration
            量子启发算法|quantum-inspired algorithm
            组合优化|combinatorial optimization
            量子化学计算|quantum chemistry calculation
            中性原子阵列|neutral atom array
            量子存储器|quantum memory
            量子精密测量|quantum sensing
            低温同轴线缆|cryogenic coaxial cable
            量子网络|quantum network
            拓扑量子计算|topological quantum computing
            噪声感知映射|noise-aware qubit mapping
            """),
        Field("proton-therapy", "质子治疗|proton therapy", """
            质子治疗系统|proton therapy system
            回旋加速器|cyclotron
            同步加速器|synchrotron
            笔形束扫描|pencil beam scanning
            布拉格峰|Bragg peak
            治疗计划系统|treatment planning system
            旋转机架|rotating gantry
            剂量验证|dose verification
            图像引导放疗|image-guided radiotherapy
            患者定位系统|patient positioning system
            射程不确定性|range uncertainty
            超高剂量率放疗|FLASH radiotherapy
            重离子治疗|heavy ion therapy
            束流输运线|beam transport line
            降能器|energy degrader
            电离室|ionization chamber
            蒙特卡罗剂量计算|Monte Carlo dose calculation
            自适应放疗|adaptive radiotherapy
            肿瘤靶区勾画|tumor contouring
            超导磁体|superconducting magnet
            辐射屏蔽|radiation shielding
            锥形束CT|cone-beam CT
            呼吸门控|respiratory gating
            质子成像|proton radiography
            剂量率|dose rate
            放射生物学|radiobiology
            小型化质子装置|compact proton system
            """),
        Field("river-ecology", "河流生态|river ecology", """
            河流生态修复|river ecological restoration
            生态流量|ecological flow
            鱼类洄游通道|fish passage
            水生植物|aquatic vegetation
            底栖动物|benthic macroinvertebrates
            环境DNA监测|environmental DNA monitoring
            河岸缓冲带|riparian buffer
            人工湿地|constructed wetland
            水文连通性|hydrological connectivity
            泥沙输移|sediment transport
            富营养化|eutrophication
            蓝藻水华|cyanobacterial bloom
            生态护岸|ecological bank protection
            水质遥感|water quality remote sensing
            生物多样性评估|biodiversity assessment
            流域管理|watershed management
            面源污染|non-point source pollution
            生境模拟|habitat modeling
            增殖放流|fish stocking
            河道疏浚|river dredging
            浮游植物|phytoplankton
            溶解氧|dissolved oxygen
            水动力模型|hydrodynamic model
            生态调度|ecological reservoir operation
            水土保持|soil and water conservation
            入侵物种防控|invasive species control
            """),
        Field("robotics", "机器人|robotics", """
            协作机器人|collaborative robot
            六轴机械臂|six-axis robot arm
            移动机器人|autonomous mobile robot
            视觉伺服|visual servoing
            力控打磨|force-controlled grinding
            路径规划|path planning
            激光SLAM|lidar SLAM
            末端执行器|end effector
            谐波减速器|harmonic drive
            伺服电机|servo motor
            人机协作安全|human-robot safety
            示教编程|teach pendant programming
            手眼标定|hand-eye calibration
            柔性抓取|soft gripper
            外骨骼|exoskeleton
            四足机器人|quadruped robot
            焊接机器人|welding robot
            分拣机器人|sorting robot
            运动控制器|motion controller
            仿真平台|robot simulation platform
            关节力矩传感器|joint torque sensor
            巡检机器人|inspection robot
            远程操作|teleoperation
            灵巧手|dexterous hand
            多机器人调度|multi-robot scheduling
            具身智能|embodied intelligence
            """),
        Field("castings", "铸造|castings", """
            精密铸造|investment casting
            压铸|die casting
            砂型铸造|sand casting
            铝合金铸件|aluminum alloy casting
            球墨铸铁|ductile iron
            熔模|wax pattern
            铸造缺陷|casting defect
            缩孔缩松|shrinkage porosity
            凝固模拟|solidification simulation
            3D打印砂型|3D printed sand mold
            低压铸造|low-pressure casting
            真空压铸|vacuum die casting
            一体化压铸|giga casting
            浇注系统|gating system
            铸件热处理|casting heat treatment
            高温合金|superalloy
            单晶叶片|single-crystal blade
            型芯|casting core
            熔炼|alloy melting
            X射线探伤|X-ray inspection
            铸件清理|casting fettling
            消失模铸造|lost foam casting
            离心铸造|centrifugal casting
            晶粒细化|grain refinement
            废砂再生|foundry sand reclamation
            模具寿命|die life
            """),
        Field("ai", "人工智能|artificial intelligence", """
            大语言模型|large language model
            计算机视觉|computer vision
            目标检测|object detection
            知识图谱|knowledge graph
            推荐系统|recommender system
            联邦学习|federated learning
            模型压缩|model compression
            边缘推理|edge inference
            语音识别|speech recognition
            自然语言处理|natural language processing
            异常检测|anomaly detection
            强化学习|reinforcement learning
            图神经网络|graph neural network
            多模态模型|multimodal model
            检索增强生成|retrieval-augmented generation
            数据标注|data annotation
            小样本学习|few-shot learning
            智能客服|intelligent customer service
            文档理解|document understanding
            时间序列预测|time series forecasting
            视觉缺陷检测|visual defect detection
            隐私计算|privacy-preserving computation
            模型可解释性|model explainability
            向量数据库|vector database
            自动驾驶感知|autonomous driving perception
            生成式设计|generative design
            """),
        Field("microelectronics", "微电子|microelectronics", """
            集成电路设计|integrated circuit design
            模拟芯片|analog chip
            射频前端|RF front-end
            功率器件|power device
            碳化硅MOSFET|silicon carbide MOSFET
            氮化镓|gallium nitride
            MEMS传感器|MEMS sensor
            先进封装|advanced packaging
            晶圆级封装|wafer-level packaging
            光刻|lithography
            刻蚀工艺|etching process
            薄膜沉积|thin film deposition
            FPGA加速|FPGA acceleration
            RISC-V处理器|RISC-V processor
            低功耗设计|low-power design
            存算一体|compute-in-memory
            芯粒|chiplet
            EDA工具|EDA tool
            可靠性测试|reliability testing
            模数转换器|analog-to-digital converter
            锁相环|phase-locked loop
            图像传感器|image sensor
            功率模块|power module
            硅光芯片|silicon photonics chip
            良率提升|yield improvement
            SoC芯片|system on chip
            """),
        Field("biomedicine", "生物医药|biomedicine", """
            单克隆抗体|monoclonal antibody
            细胞治疗|cell therapy
            CAR-T疗法|CAR-T therapy
            基因编辑|gene editing
            mRNA疫苗|mRNA vaccine
            体外诊断|in vitro diagnostics
            生物标志物|biomarker
            类器官|organoid
            高通量筛选|high-throughput screening
            药物递送|drug delivery
            纳米颗粒|nanoparticle
            靶向治疗|targeted therapy
            干细胞|stem cell
            组织工程|tissue engineering
            医用植入物|medical implant
            基因测序|gene sequencing
            病原检测|pathogen detection
            免疫检查点|immune checkpoint
            多肽药物|peptide drug
            临床前研究|preclinical study
            生物反应器|bioreactor
            微流控芯片|microfluidic chip
            可降解支架|biodegradable scaffold
            液体活检|liquid biopsy
            抗菌涂层|antibacterial coating
            小分子抑制剂|small molecule inhibitor
            """),
        Field("batteries", "电池|batteries", """
            锂离子电池|lithium-ion battery
            固态电解质|solid-state electrolyte
            磷酸铁锂|lithium iron phosphate
            三元正极|NMC cathode
            硅碳负极|silicon-carbon anode
            钠离子电池|sodium-ion battery
            电池管理系统|battery management system
            热失控|thermal runaway
            快充|fast charging
            循环寿命|cycle life
            能量密度|energy density
            隔膜|battery separator
            电解液添加剂|electrolyte additive
            电池回收|battery recycling
            储能系统|energy storage system
            液流电池|flow battery
            电芯|battery cell
            电池包|battery pack
            荷电状态估计|state of charge estimation
            健康状态|state of health
            极片涂布|electrode coating
            锂金属负极|lithium metal anode
            电池热管理|battery thermal management
            干法电极|dry electrode
            梯次利用|second-life batteries
            预锂化|prelithiation
            """),
        Field("agriculture", "农业|agriculture", """
            精准农业|precision agriculture
            智慧灌溉|smart irrigation
            作物育种|crop breeding
            分子标记|molecular marker
            土壤改良|soil remediation
            生物肥料|biofertilizer
            病虫害监测|pest monitoring
            植保无人机|crop-spraying drone
            设施农业|greenhouse farming
            水肥一体化|fertigation
            垂直农场|vertical farm
            种子包衣|seed coating
            农产品溯源|agricultural traceability
            产量预测|yield prediction
            秸秆还田|straw returning
            畜禽养殖|livestock farming
            饲料添加剂|feed additive
            水产养殖|aquaculture
            盐碱地改良|saline soil improvement
            生物农药|biopesticide
            节水灌溉|water-saving irrigation
            农业物联网|agricultural IoT
            遥感估产|remote sensing yield estimation
            耐旱品种|drought-tolerant variety
            冷链保鲜|cold chain preservation
            土壤墒情|soil moisture
            """),
        Field("new-materials", "新材料|new materials", """
            石墨烯|graphene
            碳纤维复合材料|carbon fiber composite
            气凝胶|aerogel
            高熵合金|high-entropy alloy
            陶瓷基复合材料|ceramic matrix composite
            形状记忆合金|shape memory alloy
            纳米涂层|nanocoating
            超疏水表面|superhydrophobic surface
            可降解塑料|biodegradable plastic
            聚酰亚胺薄膜|polyimide film
            金属有机框架|metal-organic framework
            钙钛矿|perovskite
            热障涂层|thermal barrier coating
            稀土永磁|rare-earth permanent magnet
            高分子材料|polymer material
            增材制造粉末|additive manufacturing powder
            柔性电子材料|flexible electronic material
            导热界面材料|thermal interface material
            吸波材料|microwave absorbing material
            自修复材料|self-healing material
            碳纳米管|carbon nanotube
            特种玻璃|specialty glass
            轻量化材料|lightweight material
            耐腐蚀涂层|corrosion-resistant coating
            相变储能材料|phase change material
            二维材料|two-dimensional material
            """),
        Field("photonics", "光电|photonics", """
            半导体激光器|semiconductor laser
            光纤传感|fiber optic sensing
            激光雷达|lidar
            光通信模块|optical transceiver
            超快激光|ultrafast laser
            光学镜头|optical lens
            红外探测器|infrared detector
            光子晶体|photonic crystal
            光学相干层析|optical coherence tomography
            微纳光学|micro-nano optics
            太赫兹|terahertz
            光谱仪|spectrometer
            激光加工|laser processing
            衍射光学元件|diffractive optical element
            光纤激光器|fiber laser
            光刻光源|lithography light source
            量子点|quantum dot
            微型发光二极管|micro LED
            光学镀膜|optical coating
            偏振成像|polarization imaging
            光电探测|photodetection
            硅基光电子|silicon photonics
            拉曼光谱|Raman spectroscopy
            自适应光学|adaptive optics
            光束整形|beam shaping
            光学检测|optical inspection
            """),
        Field("aerospace", "航空航天|aerospace", """
            卫星遥感|satellite remote sensing
            小卫星平台|small satellite platform
            航空发动机|aero engine
            复合材料机身|composite airframe
            无人机|unmanned aerial vehicle
            飞行控制系统|flight control system
            姿态控制|attitude control
            电推进|electric propulsion
            可重复使用火箭|reusable rocket
            星载计算机|onboard computer
            热防护系统|thermal protection system
            导航定位|navigation and positioning
            惯性导航|inertial navigation
            航电系统|avionics
            结构健康监测|structural health monitoring
            风洞试验|wind tunnel test
            低轨星座|LEO constellation
            推进剂|propellant
            涡轮叶片|turbine blade
            空间机构|space mechanism
            电动垂直起降|eVTOL
            适航认证|airworthiness certification
            星间链路|inter-satellite link
            气动设计|aerodynamic design
            轻量化结构|lightweight structure
            航天器热控|spacecraft thermal control
            """),
        Field("hydrogen-energy", "氢能|hydrogen energy", """
            电解水制氢|water electrolysis
            质子交换膜|proton exchange membrane
            燃料电池|fuel cell
            储氢材料|hydrogen storage material
            高压储氢瓶|high-pressure hydrogen tank
            加氢站|hydrogen refueling station
            碱性电解槽|alkaline electrolyzer
            固体氧化物电解|solid oxide electrolysis
            电催化剂|electrocatalyst
            铂载量|platinum loading
            双极板|bipolar plate
            膜电极|membrane electrode assembly
            绿氢|green hydrogen
            液氢|liquid hydrogen
            氢气纯化|hydrogen purification
            有机液体储氢|liquid organic hydrogen carrier
            氨裂解|ammonia cracking
            氢能重卡|hydrogen heavy truck
            氢气泄漏检测|hydrogen leak detection
            电堆|fuel cell stack
            光解水|photocatalytic water splitting
            输氢管道|hydrogen pipeline
            氢冶金|hydrogen metallurgy
            燃料电池空压机|fuel cell air compressor
            阴离子交换膜|anion exchange membrane
            制氢效率|electrolysis efficiency
            """),
        Field("smart-manufacturing", "智能制造|smart manufacturing", """
            工业互联网|industrial internet
            数字孪生|digital twin
            制造执行系统|manufacturing execution system
            预测性维护|predictive maintenance
            机器视觉检测|machine vision inspection
            柔性产线|flexible production line
            机器人工作站集成|robot cell integration
            边缘计算网关|edge computing gateway
            设备联网|machine connectivity
            工艺参数优化|process parameter optimization
            质量追溯|quality traceability
            生产排程|production scheduling
            数控机床|CNC machine tool
            智能仓储|smart warehousing
            AGV物流|AGV logistics
            能耗管理|energy management
            OPC UA通信|OPC UA communication
            PLC控制|PLC control
            振动监测|vibration monitoring
            刀具磨损|tool wear
            增材制造|additive manufacturing
            精益生产|lean production
            设备综合效率|overall equipment effectiveness
            工业软件|industrial software
            5G专网|private 5G network
            智能工厂|smart factory
            """),
        Field("water-treatment", "水处理|water treatment", """
            膜生物反应器|membrane bioreactor
            反渗透|reverse osmosis
            污水处理|wastewater treatment
            高级氧化|advanced oxidation
            臭氧催化氧化|catalytic ozonation
            脱氮除磷|nitrogen and phosphorus removal
            污泥减量|sludge reduction
            厌氧消化|anaerobic digestion
            重金属去除|heavy metal removal
            零排放|zero liquid discharge
            海水淡化|seawater desalination
            超滤|ultrafiltration
            电化学水处理|electrochemical water treatment
            吸附材料|adsorbent
            消毒副产物|disinfection byproduct
            紫外消毒|UV disinfection
            工业废水|industrial wastewater
            垃圾渗滤液|landfill leachate
            在线水质监测|online water quality monitoring
            管网漏损|pipe network leakage
            曝气节能|aeration energy saving
            磷回收|phosphorus recovery
            微污染物|micropollutants
            膜污染|membrane fouling
            农村污水|rural sewage
            高盐废水|high-salinity wastewater
            """),
    ];

    /// <summary>Words every field uses: they make texts of different fields share terms, as real ones do.</summary>
    public static readonly IReadOnlyList<Concept> General = Parse("""
        降本增效|cost reduction
        产业化|industrialization
        中试|pilot-scale trial
        工艺优化|process optimization
        国产替代|import substitution
        知识产权|intellectual property
        发明专利|invention patent
        成果转化|technology transfer
        示范应用|demonstration project
        规模化生产|mass production
        质量控制|quality control
        在线监测|online monitoring
        数字化|digitalization
        节能减排|energy saving
        低成本|low cost
        高可靠性|high reliability
        系统集成|system integration
        检测方法|test method
        标准化|standardization
        供应链|supply chain
        技术服务|technical service
        样机|prototype
        安全性|safety
        自动化|automation
        模块化设计|modular design
        使用寿命|service life
        运维|operation and maintenance
        效率提升|efficiency improvement
        环境友好|environmentally friendly
        小批量试产|small-batch production
        现场验证|field validation
        性能测试|performance testing
        核心部件|core component
        软件平台|software platform
        数据分析|data analytics
        远程监控|remote monitoring
        定制开发|custom development
        解决方案|turnkey solution
        关键技术|key technology
        """);

    public static readonly IReadOnlyList<Institution> ChineseInstitutions =
    [
        new("清华大学", "CN"), new("北京大学", "CN"), new("浙江大学", "CN"), new("上海交通大学", "CN"),
        new("中国科学技术大学", "CN"), new("哈尔滨工业大学", "CN"), new("西安交通大学", "CN"), new("华中科技大学", "CN"),
        new("中国科学院物理研究所", "CN"), new("中国科学院金属研究所", "CN"), new("中国科学院大连化学物理研究所", "CN"),
        new("南京大学", "CN"), new("武汉大学", "CN"), new("同济大学", "CN"), new("四川大学", "CN"), new("山东大学", "CN"),
        new("华南理工大学", "CN"), new("北京航空航天大学", "CN"), new("中国农业大学", "CN"), new("天津大学", "CN"),
        new("香港科技大学", "HK"), new("新加坡国立大学", "SG"),
    ];

    public static readonly IReadOnlyList<Institution> EnglishInstitutions =
    [
        new("Massachusetts Institute of Technology", "US"), new("Stanford University", "US"), new("Georgia Institute of Technology", "US"),
        new("University of Cambridge", "GB"), new("Imperial College London", "GB"), new("University of Manchester", "GB"),
        new("ETH Zurich", "CH"), new("EPFL", "CH"), new("Technical University of Munich", "DE"), new("Fraunhofer Institute for Laser Technology", "DE"),
        new("RWTH Aachen University", "DE"), new("University of Tokyo", "JP"), new("Tohoku University", "JP"), new("KAIST", "KR"),
        new("Seoul National University", "KR"), new("National University of Singapore", "SG"), new("Nanyang Technological University", "SG"),
        new("Technion - Israel Institute of Technology", "IL"), new("Delft University of Technology", "NL"), new("CNRS", "FR"),
        new("Politecnico di Milano", "IT"), new("University of Toronto", "CA"), new("CSIRO", "AU"), new("KTH Royal Institute of Technology", "SE"),
        new("VTT Technical Research Centre of Finland", "FI"), new("Tsinghua University", "CN"), new("Zhejiang University", "CN"),
        new("Shanghai Jiao Tong University", "CN"), new("Hong Kong University of Science and Technology", "HK"),
    ];

    /// <summary>Where English-language needs come from, with repetition as weight.</summary>
    public static readonly IReadOnlyList<string> EnglishNeedCountries =
        ["CN", "CN", "CN", "CN", "CN", "US", "US", "US", "US", "GB", "GB", "DE", "DE", "JP", "KR", "SG", "FR", "NL", "CH", "IL"];

    /// <summary>Kinds of company; the English side carries its article ("a", "an").</summary>
    public static readonly IReadOnlyList<Concept> CompanyKinds = Parse("""
        中型制造企业|a mid-sized manufacturer
        国有企业|a state-owned enterprise
        科技型初创公司|a technology startup
        上市公司|a listed company
        地方水务公司|a regional water utility
        三甲医院|a tertiary hospital
        汽车零部件供应商|an automotive parts supplier
        农业合作社|a farming cooperative
        能源集团|an energy group
        电子代工厂|an electronics contract manufacturer
        """);

    private static TechField Field(string code, string name, string concepts) =>
        new(code, Parse(name)[0], Parse(concepts));

    private static Concept[] Parse(string lines) =>
        lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|'))
            .Select(parts => new Concept(parts[0], parts[1]))
            .ToArray();
}
