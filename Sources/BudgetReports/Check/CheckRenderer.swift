import BudgetText
import BudgetModel
import BudgetProjections
import BudgetJSON

/// Renders `budget check`: one line per failed cross-check, with the rule, the expected and the
/// found figure, the events involved and the arithmetic; or a line saying that everything passed.
public enum CheckRenderer {
    /// With `colour`, the verdict line is green when everything passes and red when not, and
    /// each finding's rule is red.
    public static func table(_ report: CheckReport, colour: Bool = false, width: Int? = nil, language: Language = .en) -> String {
        let point = report.asOf.map { Message(.asOf, $0) } ?? Message(.allDates)
        let title = Message(.budgetCheckThroughEventPolicy, point, report.seq, policyText(report.policy)).text(language)
        var out = (width.map { TableLayout.wrap(title, to: $0) } ?? [title]).joined(separator: "\n") + "\n"
        guard !report.passed else {
            return out + Tint.green.paint(Message(.allCrossChecksPassProject, report.checked.count).text(language), colour: colour) + "\n"
        }
        let failing = Set(report.findings.map(\.project)).count
        let notes = report.findings.filter { $0.severity == .note }.count
        let tally = Message(.findingSInOfProject, report.findings.count, failing, report.checked.count)
            + (notes > 0 ? Message(.errorsAndNotes, report.findings.count - notes, notes) : "")
        out += (report.hasErrors ? Tint.red : Tint.green).paint(tally.text(language), colour: colour) + "\n\n"
        func heading(_ key: MessageKey) -> String { Message(key).text(language) }
        var table = TextTable([.init(heading(.headingProject)), .init(heading(.headingRule)), .init(heading(.headingLevel)),
                               .init(heading(.headingSubject)), .init(heading(.headingExpected), alignRight: true),
                               .init(heading(.headingFound), alignRight: true), .init(heading(.headingEvents)), .init(heading(.headingWhy))])
        for finding in report.findings {
            table.add([finding.project, finding.rule.rawValue, severity(finding.severity).text(language), finding.subject.text(language),
                       finding.expected.text(language), finding.found.text(language), events(finding.events).text(language),
                       finding.detail.text(language)], tints: finding.severity == .error ? [1: .red] : [:])
        }
        return out + table.render(colour: colour, width: width)
    }

    /// Keys, rule ids and severities are the programmatic interface; the prose (subject,
    /// expected, found, detail) follows `language`.
    public static func json(_ report: CheckReport, language: Language = .en) -> String {
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
            object.append("subject", .string(finding.subject.text(language)))
            object.append("expected", .string(finding.expected.text(language)))
            object.append("found", .string(finding.found.text(language)))
            object.append("seqs", .array(finding.seqs.map { .number(String($0)) }))
            if finding.events.hidden > 0 { object.append("seqCount", .number(String(finding.events.count))) }
            object.append("detail", .string(finding.detail.text(language)))
            return .object(object)
        }))
        return JSONWriter.pretty(.object(root)) + "\n"
    }

    static func policyText(_ policy: ScoringPolicy) -> Message {
        let setting = policy.setting
        let origin = policy.seq.map { Message(.policyOrigin, $0, policy.date.map(\.text) ?? "") } ?? Message(.policyDefaults)
        return Message(.policyWeights, origin, setting.executionWeight, setting.outputWeight, setting.benefitWeight, setting.satisfactionWeight)
            + Message(.lowerIsBetterTolerance, setting.lowerIsBetter, setting.tolerance)
    }

    /// "#13 #14 #15", and past the first few, "… and 16,204 more".
    static func events(_ events: SeqList) -> Message {
        let shown = Message(verbatim: events.shown.map { "#\($0)" }.joined(separator: " "))
        return events.hidden > 0 ? shown + Message(.andMore, events.hidden) : shown
    }

    static func severity(_ severity: Finding.Severity) -> Message {
        switch severity {
        case .error: Message(.severityError)
        case .note: Message(.severityNote)
        }
    }
}
