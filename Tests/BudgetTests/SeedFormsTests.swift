import XCTest
import Foundation
@testable import BudgetCLI

/// Replays Journal/2023.jsonl (built by Scripts/build-journal-2023 from the six 2023 项目支出绩效自评表
/// in shared/seeds) through the in-process command line, and checks every figure of every form
/// against the report: per fund source and in total the 年初预算数, 全年预算数, 全年执行数 and 执行率;
/// the execution score; each indicator's weight and score; the indicator score, total score and grade.
///
/// The expected figures below are transcribed from the forms, never computed by the code under
/// test: 万元 are written as yuan (185.58万 → "1855800"), blank cells as "0" (and a rate of nil
/// where the full-year budget is 0). Where a form's own arithmetic is wrong, the ledger's correct
/// figure is expected and the line says `// form says X; correct: Y because …`.
/// The form prints no indicator score; it is 总分 − 资金执行得分, and each form's indicator scores
/// add up to it.
final class SeedFormsTests: XCTestCase {

    // MARK: - Expected figures

    private struct Fund {
        let initial: String
        let fullYear: String
        let executed: String
        let rate: String?
    }

    private struct Indicator {
        let level1: String
        let level2: String
        let name: String
        let weight: String
        let score: String
    }

    private struct Form {
        let id: String
        let name: String
        let total: Fund
        let current: Fund
        let carryover: Fund
        let other: Fund
        let executionScore: String
        let indicatorScore: String
        let totalScore: String
        let grade: String
        let indicators: [Indicator]
    }

    /// A source the form leaves blank: nothing budgeted, nothing spent, no rate.
    private static let blank = Fund(initial: "0", fullYear: "0", executed: "0", rate: nil)

    /// Form 1: 机构编制管理事务经费.
    private static let form1 = Form(
        id: "bzgl-2023", name: "机构编制管理事务经费",
        // form says 196.8; correct: 196.81 because 128 + 68.81 = 196.81 (the 全年 and 执行 columns do add up).
        total: Fund(initial: "1968100", fullYear: "1855800", executed: "1334300", rate: "71.90"),
        current: Fund(initial: "1280000", fullYear: "1167700", executed: "871800", rate: "74.66"),
        carryover: Fund(initial: "688100", fullYear: "688100", executed: "462500", rate: "67.21"),
        other: blank,
        executionScore: "7.2", indicatorScore: "90", totalScore: "97.2", grade: "优",
        indicators: [
            Indicator(level1: "output", level2: "数量指标", name: "编撰《宁夏编办志》", weight: "2", score: "2"),
            Indicator(level1: "output", level2: "数量指标", name: "电子政务中心网络安全防护设备", weight: "2", score: "2"),
            Indicator(level1: "output", level2: "数量指标", name: "改革调研", weight: "2", score: "2"),
            Indicator(level1: "output", level2: "数量指标", name: "改革调研租车", weight: "2", score: "2"),
            Indicator(level1: "output", level2: "数量指标", name: "举办培训班", weight: "2", score: "2"),
            Indicator(level1: "output", level2: "质量指标", name: "调研报告完成率", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "质量指标", name: "培训班参训率", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "质量指标", name: "培训、调研完成时间", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "时效指标", name: "其他重点改革", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "成本指标", name: "编撰《宁夏编办志》", weight: "4", score: "4"),
            Indicator(level1: "output", level2: "成本指标", name: "电子政务中心购置网络安全防护设备费用", weight: "4", score: "4"),
            Indicator(level1: "output", level2: "成本指标", name: "改革调研费用", weight: "4", score: "4"),
            Indicator(level1: "output", level2: "成本指标", name: "改革调研租车", weight: "4", score: "4"),
            Indicator(level1: "output", level2: "成本指标", name: "举办培训班费用", weight: "4", score: "4"),
            Indicator(level1: "benefit", level2: "经济效益", name: "影响我区经济社会发展的体制机制障碍", weight: "10", score: "10"),
            Indicator(level1: "benefit", level2: "社会效益", name: "公益事业发展", weight: "10", score: "10"),
            Indicator(level1: "benefit", level2: "可持续发展", name: "机构编制资源配置", weight: "10", score: "10"),
            Indicator(level1: "satisfaction", level2: "服务对象满意度", name: "基层部门及群众满意度", weight: "10", score: "10"),
        ])

    /// Form 2: 会议室、机要室、档案室设备购置. The form prints the total rate as "85.98" (no %) and
    /// "—" for the current source's rate; the current source is the whole project.
    private static let form2 = Form(
        id: "sbgz-2023", name: "会议室、机要室、档案室设备购置",
        total: Fund(initial: "1140000", fullYear: "752700", executed: "647200", rate: "85.98"),
        current: Fund(initial: "1140000", fullYear: "752700", executed: "647200", rate: "85.98"),
        carryover: blank, other: blank,
        executionScore: "8.6", indicatorScore: "84.5", totalScore: "93.1", grade: "优",
        indicators: [
            Indicator(level1: "output", level2: "数量指标", name: "建设机构编制信息系统雷达图示智控平台", weight: "3", score: "3"),
            Indicator(level1: "output", level2: "数量指标", name: "建设无纸化会议系统", weight: "3", score: "3"),
            Indicator(level1: "output", level2: "数量指标", name: "完成档案室设备购置", weight: "3", score: "2"),
            Indicator(level1: "output", level2: "数量指标", name: "完成会议室设备购置", weight: "3", score: "1.5"),
            Indicator(level1: "output", level2: "数量指标", name: "完成机要室设备购置", weight: "3", score: "3"),
            Indicator(level1: "output", level2: "数量指标", name: "完成政府两个处室搬迁家具设备购置", weight: "3", score: "3"),
            Indicator(level1: "output", level2: "质量指标", name: "符合规范化机要室建设要求", weight: "6", score: "6"),
            Indicator(level1: "output", level2: "时效指标", name: "完成相关购置更新", weight: "6", score: "5"),
            Indicator(level1: "output", level2: "成本指标", name: "建设机构编制信息系统雷达图示智控平台", weight: "4", score: "4"),
            Indicator(level1: "output", level2: "成本指标", name: "建设无纸化会议系统", weight: "4", score: "4"),
            Indicator(level1: "output", level2: "成本指标", name: "完成会议室改造及设备购置", weight: "4", score: "2"),
            Indicator(level1: "output", level2: "成本指标", name: "完成机要室改造及设备购置", weight: "4", score: "4"),
            Indicator(level1: "output", level2: "成本指标", name: "完成政府两个处室搬迁家具设备购置", weight: "4", score: "4"),
            Indicator(level1: "benefit", level2: "社会效益", name: "对机构编制管理工作提供基础支撑", weight: "15", score: "15"),
            Indicator(level1: "benefit", level2: "可持续影响", name: "为科学决策提供大数据分析", weight: "15", score: "15"),
            Indicator(level1: "satisfaction", level2: "服务对象满意度", name: "机关整体服务满意度", weight: "10", score: "10"),
        ])

    /// Form 3: 机构编制信息管理平台系统运维项目. Nothing was spent; the form prints the rate as "0".
    private static let form3 = Form(
        id: "xxyw-2023", name: "机构编制信息管理平台系统运维项目",
        total: Fund(initial: "330000", fullYear: "330000", executed: "0", rate: "0"),
        current: Fund(initial: "330000", fullYear: "330000", executed: "0", rate: "0"),
        carryover: blank, other: blank,
        executionScore: "0", indicatorScore: "90", totalScore: "90", grade: "优",
        indicators: [
            Indicator(level1: "output", level2: "数量指标", name: "机构编制信息管理平台系统(实名制系统)功能升级", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "数量指标", name: "项目驻场运维", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "质量指标", name: "降级硬件系统故障率", weight: "10", score: "10"),
            Indicator(level1: "output", level2: "时效指标", name: "排除软件故障及时率", weight: "10", score: "10"),
            Indicator(level1: "output", level2: "成本指标", name: "机构编制信息管理平台系统(实名制系统)功能升级", weight: "10", score: "10"),
            Indicator(level1: "output", level2: "成本指标", name: "项目驻场运维费用", weight: "10", score: "10"),
            Indicator(level1: "benefit", level2: "社会效益指标", name: "保障系统的正常运行,降低整体管理成本,提高机构编制信息使用效益和数字化应用服务水平", weight: "15", score: "15"),
            Indicator(level1: "benefit", level2: "可持续影响指标", name: "确保系统安全稳定运行", weight: "15", score: "15"),
            Indicator(level1: "satisfaction", level2: "服务对象满意度指标", name: "系统使用单位满意度", weight: "10", score: "10"),
        ])

    /// Form 4: 2022年基本户结转项目. The form prints no per-source rates.
    private static let form4 = Form(
        id: "jbhjz-2023", name: "2022年基本户结转项目",
        // form says 执行率 100%; correct: 98.84 because 541.60 ÷ 547.98 = 98.8357…%.
        total: Fund(initial: "195200", fullYear: "5479800", executed: "5416000", rate: "98.84"),
        current: Fund(initial: "0", fullYear: "5245400", executed: "5245400", rate: "100.00"),
        // rate not printed; 15.91 ÷ 19.52 = 81.5061…%.
        carryover: Fund(initial: "195200", fullYear: "195200", executed: "159100", rate: "81.51"),
        // rate not printed; 1.15 ÷ 3.92 = 29.3367…%.
        other: Fund(initial: "0", fullYear: "39200", executed: "11500", rate: "29.34"),
        // form says 10; correct: 9.9 because 10 × 98.84% = 9.884, rounded to 0.1 point.
        executionScore: "9.9",
        indicatorScore: "80",
        // form says 90; correct: 89.9 because 80 (indicators) + 9.9 (execution) = 89.9.
        totalScore: "89.9",
        // form implies 优 (总分 90); correct: 良 because 89.9 < 90.
        grade: "良",
        indicators: [
            Indicator(level1: "output", level2: "数量指标", name: "部门人员数量", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "质量指标", name: "代扣工资社保及公积金及时缴纳", weight: "10", score: "10"),
            Indicator(level1: "output", level2: "时效指标", name: "2022年基本户结转项目使用完毕", weight: "5", score: "5"),
            // The three 成本指标 rows are reconstructed from shifted cells (see the build script).
            Indicator(level1: "output", level2: "成本指标", name: "党建研究会转来2021年党建研究课题资助经费", weight: "10", score: "5"),
            Indicator(level1: "output", level2: "成本指标", name: "发放总额", weight: "10", score: "10"),
            Indicator(level1: "output", level2: "成本指标", name: "宣传部转来第五批宁夏新型智库课题经费", weight: "10", score: "5"),
            Indicator(level1: "benefit", level2: "社会效益指标", name: "部门单位人员工作效能", weight: "15", score: "15"),
            Indicator(level1: "benefit", level2: "可持续影响指标", name: "部门单位人员按职能职责持续服务", weight: "15", score: "15"),
            Indicator(level1: "satisfaction", level2: "服务对象满意度指标", name: "部门单位人员对经费保障满意度", weight: "10", score: "10"),
        ])

    /// Form 5: 干部教育培训费. 年初 0, the whole 14万 added during the year and spent.
    private static let form5 = Form(
        id: "gbpx-2023", name: "干部教育培训费",
        total: Fund(initial: "0", fullYear: "140000", executed: "140000", rate: "100"),
        current: Fund(initial: "0", fullYear: "140000", executed: "140000", rate: "100"),
        carryover: blank, other: blank,
        executionScore: "10", indicatorScore: "90", totalScore: "100", grade: "优",
        indicators: [
            Indicator(level1: "output", level2: "数量指标", name: "培训人数", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "数量指标", name: "培训班天数", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "数量指标", name: "培训班数量", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "质量指标", name: "培训班参训率", weight: "5", score: "5"),
            Indicator(level1: "output", level2: "质量指标", name: "培训班完成时间", weight: "15", score: "15"),
            Indicator(level1: "output", level2: "质量指标", name: "单位成本(培训班单位成本的60%)", weight: "15", score: "15"),
            Indicator(level1: "benefit", level2: "社会效益指标", name: "机构编制系统干部综合能力", weight: "15", score: "15"),
            Indicator(level1: "benefit", level2: "可持续影响指标", name: "建设高素质专业化机构编制干部队伍", weight: "15", score: "15"),
            Indicator(level1: "satisfaction", level2: "服务对象满意度指标", name: "参训学员满意度", weight: "10", score: "10"),
        ])

    /// Form 6: 信创项目(设备购置). 年初 0, 3.5万 added during the year, nothing spent.
    private static let form6 = Form(
        id: "xcsb-2023", name: "信创项目(设备购置)",
        total: Fund(initial: "0", fullYear: "35000", executed: "0", rate: "0"),
        current: Fund(initial: "0", fullYear: "35000", executed: "0", rate: "0"),
        carryover: blank, other: blank,
        executionScore: "0", indicatorScore: "90", totalScore: "90", grade: "优",
        indicators: [
            Indicator(level1: "output", level2: "数量指标", name: "外设数量", weight: "12.5", score: "12.5"),
            Indicator(level1: "output", level2: "质量指标", name: "项目建设情况", weight: "12.5", score: "12.5"),
            Indicator(level1: "output", level2: "时效指标", name: "完成时间", weight: "12.5", score: "12.5"),
            Indicator(level1: "output", level2: "成本指标", name: "购置和更换外设成本", weight: "12.5", score: "12.5"),
            Indicator(level1: "benefit", level2: "社会效益指标", name: "有效保障社会安全", weight: "15", score: "15"),
            Indicator(level1: "benefit", level2: "可持续影响指标", name: "推动国家长治久安", weight: "15", score: "15"),
            Indicator(level1: "satisfaction", level2: "服务对象满意度指标", name: "服务对象满意", weight: "10", score: "10"),
        ])

    // MARK: - Tests

    func testForm1OrganisationAdministration() throws { try check(Self.form1) }
    func testForm2MeetingRoomEquipment() throws { try check(Self.form2) }
    func testForm3InformationPlatformMaintenance() throws { try check(Self.form3) }
    func testForm4BasicAccountCarryover() throws { try check(Self.form4) }
    func testForm5CadreTraining() throws { try check(Self.form5) }
    func testForm6DomesticITEquipment() throws { try check(Self.form6) }

    func testReportHeader() throws {
        let report = try Self.report()
        XCTAssertEqual(report["asOf"] as? String, "2023-12-31")
        let seq = report["seq"] as? NSNumber
        XCTAssertNotNil(seq, "seq must be a number")
        XCTAssertGreaterThan(seq?.intValue ?? 0, 0)
    }

    /// Form 1's 实际完成情况 names its spending item by item, in 万元; the payments' economic classes
    /// give each item back, and its two cost indicators out-11 and out-13 are derived from them.
    func testForm1NarrativeByEconomicClass() throws {
        let journal = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Journal/2023.jsonl")
        // On a copy, so that the test leaves nothing beside the committed journal.
        let directory = TemporaryDirectory()
        let copy = directory.path("2023.jsonl")
        try FileManager.default.copyItem(atPath: journal.path, toPath: copy)
        let result = BudgetCommandLine.run(["--journal", copy, "report", "bzgl-2023", "--by", "class", "--format", "json"],
                                           environment: ["BUDGET_STATE_DIR": directory.path("state")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var byCode: [String: String] = [:]
        for group in try XCTUnwrap(json["groups"] as? [[String: Any]]) { byCode[group["code"] as? String ?? "none"] = group["amount"] as? String }
        // 差旅费53.42万元; 培训费用33.95万元; 租车费用8万元; 防火墙11.6万元; 《宁夏编办志》11.87万元; 租赁费13.64万元; 尾款0.95万元.
        XCTAssertEqual(byCode, ["30211": "534200.00", "30216": "339500.00", "30239": "80000.00", "31002": "116000.00",
                                "30202": "118700.00", "30214": "136400.00", "31007": "9500.00"])
        XCTAssertEqual(json["total"] as? String, "1334300.00")
        let form1 = try XCTUnwrap(try Self.projects().first { $0["id"] as? String == "bzgl-2023" })
        let indicators = try XCTUnwrap(form1["indicators"] as? [[String: Any]])
        let lines = try String(contentsOf: journal, encoding: .utf8)
        for (id, actual, rule) in [("out-11", "116000元/项", "sum class=31002"), ("out-13", "80000元/项", "sum class=30239")] {
            XCTAssertEqual(indicators.first { $0["id"] as? String == id }?["actual"] as? String, actual, id)
            XCTAssertTrue(lines.contains(#""indicator":"\#(id)""#) && lines.contains(#""derived":"\#(rule)""#), id)
            XCTAssertFalse(lines.split(separator: "\n").contains { $0.contains("indicator.actual_recorded") && $0.contains(#""project":"bzgl-2023","indicator":"\#(id)""#) }, "\(id)'s actual is not typed")
        }
    }

    /// The money carried into forms 1 and 4 comes from 2022 projects of their own.
    func testPredecessorProjectsOf2022() throws {
        let projects = try Self.projects()
        let of2022 = projects.filter { Self.year(of: $0) == "2022" }
        let ids = Set(of2022.compactMap { $0["id"] as? String })
        XCTAssertTrue(ids.isSuperset(of: ["bzgl-2022", "jbhjz-2022"]), "2022 projects: \(ids.sorted())")
        for id in ["bzgl-2023", "sbgz-2023", "xxyw-2023", "jbhjz-2023", "gbpx-2023", "xcsb-2023"] {
            let project = projects.first { $0["id"] as? String == id }
            XCTAssertEqual(project.flatMap(Self.year(of:)), "2023", id)
        }
    }

    // MARK: - Checking one form

    private func check(_ form: Form, file: StaticString = #filePath, line: UInt = #line) throws {
        let projects = try Self.projects()
        let found = projects.first { $0["id"] as? String == form.id }
        let project = try XCTUnwrap(found, "no project \(form.id) in the report", file: file, line: line)
        XCTAssertEqual(project["name"] as? String, form.name, "\(form.id) name", file: file, line: line)
        XCTAssertEqual(Self.year(of: project), "2023", "\(form.id) year", file: file, line: line)

        let funds = try XCTUnwrap(project["funds"] as? [String: Any], "\(form.id) funds", file: file, line: line)
        let sources = [("total", form.total), ("current", form.current), ("carryover", form.carryover), ("other", form.other)]
        for (source, expected) in sources {
            let what = "\(form.id) \(source)"
            guard let fund = funds[source] as? [String: Any] else {
                XCTFail("\(what): missing from funds", file: file, line: line)
                continue
            }
            assertDecimal(fund["initial"], expected.initial, "\(what) initial", file: file, line: line)
            assertDecimal(fund["fullYear"], expected.fullYear, "\(what) fullYear", file: file, line: line)
            assertDecimal(fund["executed"], expected.executed, "\(what) executed", file: file, line: line)
            if let rate = expected.rate {
                assertDecimal(fund["rate"], rate, "\(what) rate", file: file, line: line)
            } else {
                XCTAssertTrue(fund["rate"] is NSNull, "\(what) rate should be null, is \(String(describing: fund["rate"]))", file: file, line: line)
            }
        }

        assertDecimal(project["executionScore"], form.executionScore, "\(form.id) executionScore", file: file, line: line)
        assertDecimal(project["indicatorScore"], form.indicatorScore, "\(form.id) indicatorScore", file: file, line: line)
        assertDecimal(project["totalScore"], form.totalScore, "\(form.id) totalScore", file: file, line: line)
        XCTAssertEqual(project["grade"] as? String, form.grade, "\(form.id) grade", file: file, line: line)

        try checkIndicators(project, form, file: file, line: line)
    }

    /// Indicators are matched by name within their level-2 group: a form may use one name twice,
    /// once as a 数量指标 and once as a 成本指标 (e.g. 改革调研租车).
    private func checkIndicators(_ project: [String: Any], _ form: Form, file: StaticString, line: UInt) throws {
        let rows = try XCTUnwrap(project["indicators"] as? [[String: Any]], "\(form.id) indicators", file: file, line: line)
        XCTAssertEqual(rows.count, form.indicators.count, "\(form.id) indicator count", file: file, line: line)
        for expected in form.indicators {
            let what = "\(form.id) \(expected.level2) \(expected.name)"
            let matches = rows.filter { $0["name"] as? String == expected.name && $0["level2"] as? String == expected.level2 }
            guard matches.count == 1, let row = matches.first else {
                XCTFail("\(what): \(matches.count) matching indicators", file: file, line: line)
                continue
            }
            XCTAssertEqual(row["level1"] as? String, expected.level1, "\(what) level1", file: file, line: line)
            assertDecimal(row["weight"], expected.weight, "\(what) weight", file: file, line: line)
            assertDecimal(row["score"], expected.score, "\(what) score", file: file, line: line)
        }
    }

    /// Numbers in the report are decimal strings; they are compared as decimals so that "10" and
    /// "10.0", or "0" and "0.00", are the same figure.
    private func assertDecimal(_ value: Any?, _ expected: String, _ what: String, file: StaticString, line: UInt) {
        guard let text = value as? String else {
            XCTFail("\(what): expected a decimal string, got \(String(describing: value))", file: file, line: line)
            return
        }
        let isDecimal = text.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil
        guard isDecimal, let actual = Decimal(string: text), let wanted = Decimal(string: expected) else {
            XCTFail("\(what): \"\(text)\" is not a decimal", file: file, line: line)
            return
        }
        XCTAssertEqual(actual, wanted, "\(what): \(text) ≠ \(expected)", file: file, line: line)
    }

    // MARK: - Replaying the journal

    private static func year(of project: [String: Any]) -> String? {
        switch project["year"] {
        case let number as NSNumber: return number.stringValue
        case let text as String: return text
        default: return nil
        }
    }

    private static func projects() throws -> [[String: Any]] {
        try XCTUnwrap(report()["projects"] as? [[String: Any]], "report has no projects array")
    }

    /// Runs `budget report` on a copy of the committed journal, so that the test leaves nothing
    /// (such as a lock file) beside it.
    private static func report() throws -> [String: Any] {
        let journal = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Tests/BudgetTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // the package root
            .appendingPathComponent("Journal/2023.jsonl")
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: journal.path) else {
            XCTFail("\(journal.path) is missing: run Scripts/build-journal-2023")
            throw CocoaError(.fileNoSuchFile)
        }
        let directory = fileManager.temporaryDirectory
            .appendingPathComponent("SeedFormsTests-\(UUID().uuidString)", isDirectory: true)
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("2023.jsonl")
        try fileManager.copyItem(at: journal, to: copy)

        let result = BudgetCommandLine.run(["--journal", copy.path, "report", "--as-of", "2023-12-31", "--format", "json"])
        XCTAssertEqual(result.status, 0, "budget report failed: \(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try XCTUnwrap(json as? [String: Any], "report is not a JSON object: \(result.stdout.prefix(200))")
    }
}
