import BudgetText
import BudgetModel

/// The rules of 结转: money carried into a year (上年结转资金) and still unspent at that year's end
/// has been unspent two years, and must be recovered (交回财政) — neither carried again nor left
/// standing; and a carry-over goes to the same department's project of the next year.
enum CarryoverRules {
    static func run(_ project: ProjectState, _ context: CheckContext) -> [Finding] {
        twoYears(project, context) + receivers(project, context)
    }

    static func twoYears(_ project: ProjectState, _ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        let year = project.registration.year
        let carried = project.funds.carryover
        if context.isYearEnd(of: year), carried.remaining.fen > 0 {
            let money = FindingText.money(carried.remaining.fen, .yuan)
            findings.append(Finding(
                project: project.id, rule: .carryoverTwoYears, subject: "上年结转资金 结余", expected: "0.00元 (交回财政)", found: money,
                events: context.trail.carryInSeqs(project.id),
                detail: Message(.carriedIntoAndUnspentAt, money, year, project.id, carried.remaining.yuanText),
                cell: .fund(.carryover, .executed)))
        }
        for out in context.trail.carryOuts[project.id] ?? [] where out.source == .carryover {
            let money = FindingText.money(out.fen, .yuan)
            findings.append(Finding(
                project: project.id, rule: .carryoverTwoYears, subject: Message(.carriedAgain), expected: "0.00元 (交回财政)", found: money,
                seqs: [out.seq] + context.trail.carryInSeqs(project.id).shown,
                detail: Message(.carriesOfMoneyAlreadyCarried, out.seq, money, year, out.receiver)))
        }
        return findings
    }

    static func receivers(_ project: ProjectState, _ context: CheckContext) -> [Finding] {
        let sender = project.registration
        return (context.trail.carryOuts[project.id] ?? []).compactMap { out -> Finding? in
            guard let receiver = context.registrations[out.receiver] else { return nil }
            var problems: [Message] = []
            if receiver.year != sender.year + 1 { problems.append(Message(.isOfNotYearAfter, out.receiver, receiver.year, sender.year + 1, project.id)) }
            if receiver.department != sender.department {
                problems.append(Message(.isOfNot, out.receiver, receiver.department, sender.department))
            }
            guard !problems.isEmpty else { return nil }
            return Finding(project: project.id, rule: .carryoverReceiver, subject: Message(.carryoverSubject, out.seq, out.receiver),
                           expected: "\(sender.department), \(sender.year + 1)", found: "\(receiver.department), \(receiver.year)",
                           seqs: [out.seq], detail: Message(.carryOverGoesToSame) + problems.joined(separator: "; "))
        }
    }
}
