extension MessageCatalogue {
    /// The longer help of commands: what `budget COMMAND --help` says after the options.
    static let helpDetails: [Entry] = [
        Entry(.checkDetails,
              en: """
              Without ID, every project with indicators or a declared form (the carry-over rules look at every project).
              Lists every failed check with its rule, its level, the expected and found figures and the events involved.
              An error fails the check (exit 1); a note does not, unless --strict: a self-assessed score below the
              rules' one, or, mid-year, execution behind 序时进度. The 90% execution rule and the rule that lost points
              need a 偏差原因 apply at a year-end replay (all dates, or --as-of the year's last day or later).
              """,
              zh: """
              不给出 ID 时，核查所有设有绩效指标或已报送自评表的项目（结转规则核查所有项目）。
              逐条列出未通过的核查，及其所依规则、级别、应为数和实为数以及所涉事件。
              出现错误即核查失败（退出码 1）；出现提示则不失败，除非给出 --strict。
              提示包括：自评得分低于按规则计算的得分；年度中间执行落后于序时进度。
              “执行率低于 90% 须说明原因”和“失分须说明偏差原因”两条规则，
              仅在回放至年末时适用（不限日期回放，或 --as-of 为该年度最后一天或以后）。
              """),
        Entry(.closeDetails,
              en: """
              Writes one project.closed event per project of YEAR (full-year budget, executed, carried over,
              refunded and balance, per source) and the year.closed event, as one batch. From then on any
              approval, adjustment, payment, refund or carry-over dated in YEAR is refused, and so is the
              reversal or amend of one; indicator actuals, scores, goals and declared forms stay open.
              The last line written is the head to publish: `verify` names it (`closed YEAR at SEQ:HASH`).
              Lists the 上年结转资金 left unspent at year end: money carried in that must be recovered (交回财政)
              before the close, since it may not be carried again.
              """,
              zh: """
              为 YEAR 年度的每个项目写入一条 project.closed 事件（按资金来源列明全年预算数、
              全年执行数、结转数、交回财政数和结余），并写入 year.closed 事件，作为一个批次。
              此后，业务日期在 YEAR 年度内的预算批复、调整、支出、交回财政或结转均被拒绝，
              对上述事件的冲销或更正亦被拒绝；绩效指标实际完成值、得分、年度总体目标
              和报送自评表仍可录入。
              最后写入的一行即为需公布的账簿头，`verify` 会指明它（`closed YEAR at SEQ:HASH`）。
              同时列出年末仍未支出的上年结转资金：这些是结转转入的资金，不得再次结转，
              应在年终结账前交回财政。
              """),
        Entry(.curveDetails,
              en: """
              Each row is the project's total fund row as `budget report --as-of` that date prints it: the
              全年预算数, the 全年执行数, the 执行率, and 序时进度 = day of the year ÷ days in the year (both
              rounded half-up to 0.01%). The bar fills with █ to the rate and shades with ░ what it lacks of
              序时进度. Without --as-of the curve runs to today (BUDGET_NOW's date when set), or to 31 December
              when the year is over. --format svg writes the chart as a self-contained SVG image.
              """,
              zh: """
              每一行即 `budget report --as-of` 该日期所列的项目资金总计行：全年预算数、
              全年执行数、执行率，以及序时进度 = 当年已过天数 ÷ 全年天数
              （二者均四舍五入至 0.01%）。进度条以 █ 填充至执行率，
              执行率不足序时进度的部分以 ░ 标出。不给出 --as-of 时，曲线画至今日
              （设有 BUDGET_NOW 时取其日期）；年度已结束的，画至 12 月 31 日。
              --format svg 将图表写为独立完整的 SVG 图像。
              """),
        Entry(.exportDetails,
              en: """
              Each event that moves money is a balanced transaction in CNY (yuan, two decimals), dated by its
              business date; a reversal posts its original's postings with the signs turned. Per project P
              and source S: Income:Budget:P:S holds minus the 全年预算数, Expenses:Executed:P:S the 全年执行数,
              Assets:Treasury:P:S what remains at the treasury, Equity:CarriedOver:P:S what was carried on,
              so `hledger bal` and bean-query give the figures of `budget report`. Project ids become
              account components by capitalising the first letter (bzgl-2023 → Bzgl-2023).
              --format warehouse writes every event as flat JSONEachRow rows for ClickHouse (see
              Scripts/warehouse), each with the journal's name and verified head; a journal that does not
              verify is refused.
              """,
              zh: """
              每个涉及资金变动的事件导出为一笔以 CNY 计（元，两位小数）的借贷平衡交易，
              日期为其业务日期；冲销事件按原事件的分录反向记账。对项目 P 和资金来源 S：
              Income:Budget:P:S 记全年预算数的相反数，Expenses:Executed:P:S 记全年执行数，
              Assets:Treasury:P:S 记留存国库的余额，Equity:CarriedOver:P:S 记已结转的金额，
              因此 `hledger bal` 和 bean-query 得出的数字与 `budget report` 一致。
              项目 id 首字母大写后作为账户名的组成部分（bzgl-2023 → Bzgl-2023）。
              --format warehouse 将每个事件写为供 ClickHouse 使用的扁平 JSONEachRow 行
              （见 Scripts/warehouse），每行附账簿名称和经校验的账簿头；
              未通过校验的账簿拒绝导出。
              """),
        Entry(.formDetails,
              en: """
              Without ID, every project with indicators, goals or a declared form. Money in 万元 with two decimals, as the forms print it. \
              The form is what is handed in: titled as the journal's `settings set` says (附件5, 自治区项目支出绩效自评表, (2023年度)), \
              with the notice's footnote, and no internal marks. With --review, a figure that `budget check` questions is marked [n] \
              and the finding is printed beside it, with the event numbers and (html) the execution chart. html: one page, A4 landscape, \
              one form to a page. xlsx: one sheet per project; a workbook is binary, so it needs --output. csv: UTF-8 with a BOM, \
              formula-like text neutralised. md: a Markdown table per form.
              """,
              zh: """
              不给出 ID 时，输出所有设有绩效指标、目标或已报送自评表的项目。
              金额以万元为单位、保留两位小数，与自评表的印制格式一致。
              输出的表即为上报的表：标题按账簿中 `settings set` 的设置
              （附件5、自治区项目支出绩效自评表、(2023年度)），附通知规定的表下注意事项，
              不含任何内部标记。给出 --review 时，`budget check` 有疑问的数字标注 [n]，
              并在旁列出核查意见，附事件编号及执行进度图（仅 html）。
              html：单个网页，A4 横向，每表一页。
              xlsx：每个项目一个工作表；工作簿为二进制文件，须给出 --output。
              csv：UTF-8 带 BOM，形似公式的文本已作防注入处理。
              md：每表一个 Markdown 表格。
              """),
        Entry(.importDetails,
              en: """
              Columns: id,project,amount,source,date and optionally payee,memo,voucher,class,function, named by a header row.
              Every row is checked before anything is written; each bad row is reported with its line number,
              and nothing is written if any row is bad. A row whose id is already in the journal with the same
              payment is skipped, so a rerun of the same file adds nothing; the same id with another payment
              is an error. The file is read, checked and written a piece at a time, so millions of rows need
              no more memory than a piece; the batch is made durable with one fsync, and a batch a crash cut
              short is set aside whole by the next reader. Past 1,000 problems, the rest are counted.

              With --map, the file is read as it comes from the payment system: an .xlsx workbook (its
              first sheet, or `sheet = NAME`) or CSV in UTF-8 or GB18030, with its own Chinese headers.
              MAPFILE says which column holds each field, one `field = 列名` a line, or `field := value`
              for a value every row shares; and the file's conventions:
                  voucher  = 支付凭证号
                  project  = 项目编码
                  amount   = 支付金额
                  date     = 支付日期
                  class    = 经济分类
                  function = 功能分类
                  payee    = 收款人
                  source   := current          (or a column holding current, carryover, other,
                                                当年财政拨款, 上年结转资金 or 其他资金)
                  date-format = DD/MM/YYYY     (when left out: YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日 or YYYYMMDD;
                                                date cells are read as dates)
                  amount-unit = 元             (or 万元)
                  skip = 2                     (title lines above the header row)
                  encoding = gb18030           (of a CSV; detected when left out)
              Without an id column, each payment's id is made from its voucher (v-…), so a rerun of the
              same export adds nothing. A 合计 or 总计 row is not imported: its amount must equal the sum of
              the payments above it. Problems name the sheet's row numbers as Excel and WPS show them.
              """,
              zh: """
              各列由表头行命名：id,project,amount,source,date，
              可选 payee,memo,voucher,class,function。
              写入前逐行检查；每个有误的行均报告其行号，只要有一行有误，即不写入任何内容。
              id 已在账簿中且支出内容相同的行予以跳过，因此重复导入同一文件不会新增记录；
              id 相同而支出内容不同的，报错。文件按段读取、检查和写入，数百万行也只占用一段的内存；
              整个批次以一次 fsync 确保落盘，因崩溃而未写完的批次由下一次读取整体移到一旁。
              问题超过 1,000 个时，其余只计数不列出。

              给出 --map 时，按支付系统导出的原样读取文件：.xlsx 工作簿（读取第一个工作表，
              或 `sheet = NAME` 指定的工作表），或 UTF-8、GB18030 编码的 CSV，表头为其自带的中文列名。
              MAPFILE 指明各字段所在的列，每行一个 `field = 列名`；各行取值相同的字段
              写作 `field := value`；并写明该文件的格式约定：
                  voucher  = 支付凭证号
                  project  = 项目编码
                  amount   = 支付金额
                  date     = 支付日期
                  class    = 经济分类
                  function = 功能分类
                  payee    = 收款人
                  source   := current          （或指定一列，其值为 current、carryover、other、
                                                 当年财政拨款、上年结转资金或其他资金）
                  date-format = DD/MM/YYYY     （未给出时：YYYY-MM-DD、YYYY/MM/DD、YYYY年M月D日
                                                 或 YYYYMMDD；日期格式的单元格按日期读取）
                  amount-unit = 元             （或万元）
                  skip = 2                     （表头行上方的标题行数）
                  encoding = gb18030           （CSV 文件的编码；未给出时自动识别）
              未映射 id 列时，每笔支出的 id 由其支付凭证号生成（v-…），
              因此重复导入同一导出文件不会新增记录。“合计”或“总计”行不予导入：
              其金额须等于其上各笔支出之和。报告问题时所列行号与 Excel、WPS 中
              显示的工作表行号一致。
              """),
        Entry(.indicatorAddDetails,
              en: """
              With --derived, the indicator's 实际完成值 is the project's executed payments under the economic codes
              named (a 类 stands for all its 款), or that sum divided by a count of items, written in the target's
              unit: 元 or 万元, or 元/项, 元/人 when the target prices an item. Each payment moves it, and its rule
              score; `budget trace` shows which payment did. A typed actual (`indicator actual`) is refused.
              For example: budget indicator add p cost-01 --level1 output --level2 成本指标 --name 举办培训班费用
                           --target ≤100000元/期 --weight 5 --derived 'sum class=30216 / 5'
              """,
              zh: """
              给出 --derived 时，该指标的实际完成值为项目在所列经济分类代码下已执行的支出
              （给出“类”即包括其下所有“款”），或该合计除以数量（如期数、人数），
              单位与年度指标值一致：元或万元；年度指标值为单价时，为元/项、元/人等。
              每笔支出都会使其变动，并相应改变其按规则计算的得分；
              `budget trace` 可查明由哪笔支出引起。手工录入实际完成值（`indicator actual`）
              将被拒绝。
              示例：budget indicator add p cost-01 --level1 output --level2 成本指标 --name 举办培训班费用
                    --target ≤100000元/期 --weight 5 --derived 'sum class=30216 / 5'
              """),
        Entry(.reportDetails,
              en: """
              Without ID, every project. Rates are rounded half-up to 0.01%; the execution score is 10 × the rate (capped at 100%), rounded half-up to 0.1 point.
              With --behind, only the projects whose 执行率 trails 序时进度 (day of the year ÷ days in the year) by more
              than --behind-points percentage points at the replay date: --as-of, else today (BUDGET_NOW's date when set).
              For example: budget report --behind --behind-points 15 --as-of 2023-06-30
              With --by class, each economic classification code with its name, its amount and the projects that
              spent under it; payments without a code form a group of their own (JSON "code": null), and the
              groups add up to the projects' 全年执行数. For example: budget report --by class --year 2023 --format json
              With --by department (or unit), one row per department and fiscal year (a roll-up never mixes years):
              the fund figures summed, the execution rate of the sum, the projects by grade (self-assessed and by the
              rules), the total score averaged weighted by full-year budget, and the projects behind 序时进度 at the
              replay date (--as-of, else today; a year already over at its last day).
              """,
              zh: """
              不给出 ID 时，列出所有项目。比率四舍五入至 0.01%；执行率得分 = 10 × 执行率
              （执行率以 100% 为上限），四舍五入至 0.1 分。
              给出 --behind 时，仅列出在回放日期执行率落后于序时进度
              （当年已过天数 ÷ 全年天数）超过 --behind-points 个百分点的项目；
              回放日期为 --as-of，否则为今日（设有 BUDGET_NOW 时取其日期）。
              示例：budget report --behind --behind-points 15 --as-of 2023-06-30
              给出 --by class 时，列出各经济分类代码及其名称、金额和在该分类下有支出的项目；
              无分类代码的支出单独成组（JSON 中为 "code": null），
              各组合计等于各项目全年执行数之和。
              示例：budget report --by class --year 2023 --format json
              给出 --by department（或 unit）时，每个主管部门（或实施单位）每个财政年度一行
              （汇总从不混合不同年度）：各项资金数合计、合计数的执行率、
              按评价等级统计的项目数（自评等级和按规则计算的等级）、
              以全年预算数加权平均的总得分，以及在回放日期落后于序时进度的项目
              （回放日期为 --as-of，否则为今日；已结束的年度取其最后一天）。
              """),
        Entry(.declareDetails,
              en: """
              Records the figures exactly as printed, so a wrong one stays wrong: `budget check` then reports it. A later declaration of the project supersedes this one. The date may fall in the project's year or the year after.
              FORM.json: {"unit": "万元", "funds": {"total": {"initial": "196.8", "fullYear": "185.58", "executed": "133.43", "rate": "71.90%"}, "current": {…}}, "executionWeight": "10", "executionScore": "7.2", "indicators": {"out-01": "2"}, "indicatorScore": "90", "totalScore": "97.2", "grade": "优", "executionReason": "…"}
              """,
              zh: """
              按表上所印数字原样记录，错误的数字也照录不改，由 `budget check` 报告。
              同一项目后报送的自评表取代本次报送。报送日期可在项目所属年度或次年。
              FORM.json：{"unit": "万元", "funds": {"total": {"initial": "196.8", "fullYear": "185.58", "executed": "133.43", "rate": "71.90%"}, "current": {…}}, "executionWeight": "10", "executionScore": "7.2", "indicators": {"out-01": "2"}, "indicatorScore": "90", "totalScore": "97.2", "grade": "优", "executionReason": "…"}
              """),
    ]
}
