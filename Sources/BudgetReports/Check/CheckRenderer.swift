import BudgetModel
import BudgetProjections
import BudgetJSON

/// Renders `budget check`: one line per failed cross-check, with the rule, the expected and the
/// found figure, the events involved and the arithmetic; or a line saying that everything passed.
public enum CheckRenderer {
    /// With `colour`, the verdict line is green when everything passes and red when not, and
    /// each finding's rule is red.
    public static func table(_ report: CheckReport, colour: Bool = false, width: Int? = nil) -> String {
        let point = report.asOf.map { "as of \($0)" } ?? "all dates"
        let title = "budget check — \(point), through event #\(report.seq); policy: \(policyText(report.policy))"
        var out = (width.map { TableLayout.wrap(title, to: $0) } ?? [title]).joined(separator: "\n") + "\n"
        guard !report.passed else {
            return out + Tint.green.paint("all cross-checks pass: \(report.checked.count) project(s) checked", colour: colour) + "\n"
        }
        let failing = Set(report.findings.map(\.project)).count
        let notes = report.findings.filter { $0.severity == .note }.count
        let tally = "\(report.findings.count) finding(s) in \(failing) of \(report.checked.count) project(s) checked"
            + (notes > 0 ? ": \(report.findings.count - notes) error(s), \(notes) note(s)" : "")
        out += (report.hasErrors ? Tint.red : Tint.green).paint(tally, colour: colour) + "\n\n"
        var table = TextTable([.init("project"), .init("rule"), .init("level"), .init("subject"), .init("expected", alignRight: true),
                               .init("found", alignRight: true), .init("events"), .init("why")])
        for finding in report.findings {
            table.add([finding.project, finding.rule.rawValue, finding.severity.rawValue, finding.subject, finding.expected, finding.found,
                       events(finding.events), finding.detail], tints: finding.severity == .error ? [1: .red] : [:])
        }
        return out + table.render(colour: colour, width: width)
    }

    public static func json(_ report: CheckReport) -> String {
        var root = JSONObject()
        root.append("asOf", report.asOf.map { .string($0.text) } ?? .null)
        root.append("seq", .number(String(report.seq)))
        root.append("policy", ScoringJSON.policy(report.policy))
        root.append("checked", .array(report.checked.map { .string($0) }))
        root.append("passed", .bool(report.passed))
        root.append("errors", .number(String(report.findings.filter { $0.severity == .error }.count)))
        root.append("findings", .array(report.findings.map { finding in
            var object = JSONObject()
            object.append("project", .string(finding.project))
            object.append("rule", .string(finding.rule.rawValue))
            object.append("severity", .string(finding.severity.rawValue))
            object.append("subject", .string(finding.subject))
            object.append("expected", .string(finding.expected))
            object.append("found", .string(finding.found))
            object.append("seqs", .array(finding.seqs.map { .number(String($0)) }))
            if finding.events.hidden > 0 { object.append("seqCount", .number(String(finding.events.count))) }
            object.append("detail", .string(finding.detail))
            return .object(object)
        }))
        return JSONWriter.pretty(.object(root)) + "\n"
    }

    static func policyText(_ policy: ScoringPolicy) -> String {
        let setting = policy.setting
        let origin = policy.seq.map { "#\($0) of \(policy.date.map(\.text) ?? "")" } ?? "defaults"
        return "\(origin) (weights \(setting.executionWeight)/\(setting.outputWeight)/\(setting.benefitWeight)/\(setting.satisfactionWeight), "
            + "lower-is-better \(setting.lowerIsBetter), tolerance \(setting.tolerance))"
    }

    /// "#13 #14 #15", and past the first few, "… and 16,204 more".
    static func events(_ events: SeqList) -> String {
        let shown = events.shown.map { "#\($0)" }.joined(separator: " ")
        return events.hidden > 0 ? shown + " … and \(events.hidden) more" : shown
    }
}
