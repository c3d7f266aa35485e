import BudgetText
import BudgetModel
import BudgetProjections

/// `report --chain ID`: a line of projects linked by carry-overs, a row each, earliest first,
/// with where each 元 went: 年初 + 调整 = 执行 + 交回财政 + 结转 + 结余.
public enum CarryoverChainTable {
    public static func render(_ fold: CarryoverChainFold, project: String, asOf: BusinessDate?, language: Language = .en) -> String {
        let chain = fold.chain(of: project)
        let point = asOf.map { Message(.asOf, $0).text(language) } ?? Message(.allDates).text(language)
        let out = Message(.ofThroughEventProjectS, project, point, fold.projection.lastSeq, chain.count).text(language)
        var table = TextTable([
            .init("项目"), .init("年度"), .init("年初预算数", alignRight: true), .init("其中上年结转", alignRight: true), .init("调整", alignRight: true),
            .init("全年执行数", alignRight: true), .init("交回财政", alignRight: true), .init("结转", alignRight: true), .init("结余", alignRight: true),
            .init("结转去向"),
        ])
        for state in chain {
            let total = state.funds.total
            let outs = fold.carriedOut(of: state.id).map { "#\($0.seq) \($0.amount.groupedYuanText) → \($0.to)" }
            table.add([state.id, String(state.registration.year), total.initial.groupedYuanText, state.funds.carryover.initial.groupedYuanText,
                       total.adjusted.groupedYuanText, total.executed.groupedYuanText, total.refunded.groupedYuanText,
                       total.carriedOut.groupedYuanText, total.remaining.groupedYuanText, outs.isEmpty ? "—" : outs.joined(separator: "; ")])
        }
        // Invariant: each project's money is accounted for, 元 for 元.
        for state in chain {
            let t = state.funds.total
            assert(t.initial.fen + t.adjusted.fen == t.executed.fen + t.refunded.fen + t.carriedOut.fen + t.remaining.fen)
        }
        return out + table.render() + Message(.nForEachProjectN).text(language)
    }
}
