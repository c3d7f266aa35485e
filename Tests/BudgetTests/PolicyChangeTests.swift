import XCTest
import Foundation
@testable import BudgetCLI

/// A scoring policy changed part-way through a year: replays before and after it score by the
/// policy of their point, `trace` shows the change as a step of every project, and a reversal
/// brings the defaults back.
///
/// The scenario: project p has 100 yuan, of which 95.55 are paid on 1 March, so 执行率 =
/// 95.55%. Its cost indicator (成本指标, target 100元/项, weight 50) reached 150元/项 and was
/// self-scored 25. On 1 July the policy switches lower-is-better to ratio and the execution
/// score to two decimals.
///   defaults: execution 10 × 95.55% = 9.555 → 9.6 (0.1 point); the cost row by the linear
///             rule 50 × (1 − 50 ÷ 100) = 25; computed indicators 25 + 30 + 10 = 65;
///             totals: self 65 + 9.6 = 74.6, by the rules 65 + 9.6 = 74.6.
///   from 1 July: execution 9.555 → 9.56 (0.01 point); the cost row 100 ÷ 150 × 50 = 33.333…
///             → 33.33; computed 33.33 + 30 + 10 = 73.33; totals: self 65 + 9.56 = 74.56,
///             by the rules 73.33 + 9.56 = 82.89.
final class PolicyChangeTests: XCTestCase {
    var scenario: Scenario!

    override func setUp() {
        super.setUp()
        scenario = Scenario()
        scenario.project("p")
        scenario.ok(["pay", "p", "95.55", "--source", "current", "--date", "2023-03-01"])
        scenario.indicator("p", "out-01", level2: "成本指标", target: "100元/项", weight: "50", actual: "150元/项", score: "25")
        scenario.indicator("p", "ben-01", level1: "benefit", level2: "社会效益指标", target: "长效", weight: "30", actual: "长效", score: "30")
        scenario.indicator("p", "sat-01", level1: "satisfaction", level2: "服务对象满意度指标", target: "≥90%", weight: "10", actual: "95%", score: "10")
        scenario.project("q")
    }

    // XCTest keeps every test case until the process ends: let go of the scenario, and its
    // directory is removed.
    override func tearDown() {
        scenario = nil
        super.tearDown()
    }

    func int(_ value: Any?) -> Int? { (value as? NSNumber)?.intValue }

    /// The seq the next event will get.
    var nextSeq: Int { (FileManager.default.contents(atPath: scenario.journal) ?? Data()).filter { $0 == 0x0A }.count + 1 }

    func setPolicy() -> Int {
        let seq = nextSeq
        scenario.ok(["policy", "set", "--lower-is-better", "ratio", "--execution-score-decimals", "2", "--date", "2023-07-01"])
        return seq
    }

    func testReplaysBeforeAndAfterTheChangeScoreByTheirOwnPolicy() {
        let policySeq = setPolicy()
        // By date: on 30 June the defaults are in force, from 1 July the new policy.
        XCTAssertEqual(scenario.report("p", ["--as-of", "2023-06-30"])["executionScore"] as? String, "9.6")
        XCTAssertEqual(scenario.report("p", ["--as-of", "2023-07-01"])["executionScore"] as? String, "9.56")
        // By seq: the event before the policy still scores by the defaults.
        let before = scenario.report("p", ["--at", String(policySeq - 1)])
        XCTAssertEqual(before["totalScore"] as? String, "74.6")
        XCTAssertEqual(before["computedTotalScore"] as? String, "74.6")
        let after = scenario.report("p")
        XCTAssertEqual(after["totalScore"] as? String, "74.56")
        XCTAssertEqual(after["computedIndicatorScore"] as? String, "73.33")
        XCTAssertEqual(after["computedTotalScore"] as? String, "82.89")
        let cost = (after["indicators"] as? [[String: Any]])?.first
        XCTAssertEqual(cost?["computedScore"] as? String, "33.33")
        XCTAssertEqual(cost?["score"] as? String, "25")
    }

    func testCheckUsesThePolicyOfItsPoint() {
        let policySeq = setPolicy()
        // Under the defaults the self-assessed 25 is the linear score: nothing to report.
        XCTAssertEqual(scenario.check(["p", "--at", String(policySeq - 1)]).status, 0)
        // Under ratio the rules give 33.33 and the 25 departs by 8.33 > 0.05: below the rules,
        // so a note, which fails the check only with --strict.
        let after = scenario.check(["p"])
        XCTAssertEqual(after.status, 0)
        XCTAssertEqual(after.findings.first?["severity"] as? String, "note")
        XCTAssertEqual(scenario.check(["p", "--strict"]).status, 1)
        XCTAssertEqual(after.findings.of("rule-score", "out-01"), ["33.33 | 25"])
        let seqs = (after.findings.first?["seqs"] as? [NSNumber])?.map(\.intValue) ?? []
        XCTAssertTrue(seqs.contains(policySeq), "the finding names the policy: \(seqs)")
    }

    func testThePolicyChangeIsATraceStepOfEveryProject() throws {
        let policySeq = setPolicy()
        for project in ["p", "q"] {
            let stdout = scenario.ok(["trace", project, "--format", "json"])
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
            let steps = try XCTUnwrap(object["steps"] as? [[String: Any]])
            let step = try XCTUnwrap(steps.first { int($0["seq"]) == policySeq }, "\(project) has no policy step")
            XCTAssertEqual(step["type"] as? String, "policy.set")
            if project == "p" {
                let previous = try XCTUnwrap(steps.last { (int($0["seq"]) ?? 0) < policySeq })
                XCTAssertEqual(previous["totalScore"] as? String, "74.6")
                XCTAssertEqual(previous["computedTotalScore"] as? String, "74.6")
                XCTAssertEqual(step["executionScore"] as? String, "9.56")
                XCTAssertEqual(step["totalScore"] as? String, "74.56")
                XCTAssertEqual(step["computedTotalScore"] as? String, "82.89")
            }
        }
        // The table shows the computed total beside the self-assessed one: 74.56 (−0.04), then 82.89.
        let table = scenario.ok(["trace", "p"])
        let line = try XCTUnwrap(table.split(separator: "\n").first { $0.hasPrefix(" \(policySeq) ") || $0.hasPrefix("\(policySeq) ") })
        XCTAssertTrue(line.contains("74.56 (-0.04)") && line.contains("82.89"), String(line))
    }

    func testReversingThePolicyBringsBackTheDefaults() {
        let policySeq = setPolicy()
        scenario.ok(["reverse", String(policySeq), "--date", "2023-09-01", "--reason", "误设"])
        XCTAssertEqual(scenario.report("p", ["--as-of", "2023-08-31"])["executionScore"] as? String, "9.56")
        XCTAssertEqual(scenario.report("p")["executionScore"] as? String, "9.6")
        XCTAssertTrue(scenario.ok(["policy", "show"]).contains("the defaults"))
    }

    func testOptionsLeftOutKeepThePolicyInForce() {
        _ = setPolicy()
        scenario.ok(["policy", "set", "--tolerance", "0.5", "--date", "2023-08-01"])
        let shown = scenario.ok(["policy", "show", "--format", "json"])
        let object = (try? JSONSerialization.jsonObject(with: Data(shown.utf8))) as? [String: Any]
        XCTAssertEqual(object?["lowerIsBetter"] as? String, "ratio")       // kept from 1 July
        XCTAssertEqual(int(object?["executionScoreDecimals"]), 2)          // kept
        XCTAssertEqual(object?["tolerance"] as? String, "0.5")             // changed
    }

    func testBadPoliciesAreRefusedAndLeaveTheJournalAlone() {
        // 10 + 60 + 30 + 10 = 110.
        scenario.refused(["policy", "set", "--output-weight", "60", "--date", "2023-07-01"], "add up to 110", status: 1)
        _ = setPolicy()
        scenario.refused(["policy", "set", "--tolerance", "1", "--date", "2023-06-30"], "precede the policy in force since 2023-07-01", status: 1)
        scenario.refused(["policy", "set", "--rate-decimals", "3", "--date", "2023-08-01"], "--rate-decimals", status: 2)
        scenario.refused(["policy", "set", "--lower-is-better", "cubic", "--date", "2023-08-01"], "--lower-is-better", status: 2)
        scenario.refused(["policy", "set", "--tolerance", "0.001", "--date", "2023-08-01"], "--tolerance", status: 2)
        scenario.refused(["policy", "set", "--tolerance", "1"], "--date", status: 2)
        // The same date as the policy in force is fine.
        scenario.ok(["policy", "set", "--tolerance", "1", "--date", "2023-07-01"])
    }
}

/// A replay to a date between a policy and its reversal, with a policy recorded after the
/// reversal but dated before the reversed one: the one in force on that date is the latest
/// dated, not the last recorded.
final class PolicyOrderTests: XCTestCase {
    func testTheLatestDatedPolicyIsInForceOnADate() {
        let scenario = Scenario()
        scenario.project("p")
        scenario.ok(["policy", "set", "--tolerance", "0.1", "--date", "2023-07-01"])     // #3
        scenario.ok(["policy", "set", "--tolerance", "0.2", "--date", "2023-08-01"])     // #4
        scenario.ok(["reverse", "4", "--date", "2023-09-01", "--reason", "误设"])        // #5
        scenario.ok(["policy", "set", "--tolerance", "0.3", "--date", "2023-07-15"])     // #6: after #3, which is in force
        func tolerance(_ asOf: String) -> String? {
            let object = try? JSONSerialization.jsonObject(with: Data(scenario.ok(["policy", "show", "--as-of", asOf, "--format", "json"]).utf8))
            return (object as? [String: Any])?["tolerance"] as? String
        }
        XCTAssertEqual(tolerance("2023-07-10"), "0.1")   // only #3 is dated by then
        XCTAssertEqual(tolerance("2023-07-20"), "0.3")   // #3 and #6: #6 is the later dated
        XCTAssertEqual(tolerance("2023-08-15"), "0.2")   // #4 (1 Aug) is not yet reversed and is the latest dated
        XCTAssertEqual(tolerance("2023-12-31"), "0.3")   // #4 reversed on 1 Sep: #6 again
    }
}

/// `log --project` lists the events that touch a project; a policy touches every project, as
/// `trace` shows. Before, a project's log left its policy changes out.
final class PolicyLogTests: XCTestCase {
    func testAProjectsLogListsThePolicyChanges() {
        let scenario = Scenario()
        scenario.project("p")
        scenario.ok(["policy", "set", "--tolerance", "0.1", "--date", "2023-07-01"])
        let log = scenario.ok(["log", "--project", "p"])
        XCTAssertTrue(log.contains("policy.set"), log)
        XCTAssertEqual(log.split(separator: "\n").count, 2 + 3)   // header, rule, and #1–#3
    }
}
