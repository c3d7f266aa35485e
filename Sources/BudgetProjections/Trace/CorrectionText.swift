import BudgetText
import BudgetModel

/// A correction (`budget amend`: a reversal and, in the same batch, the event that names its
/// target in `amends`) said as one change: what the corrected event states differently.
public enum CorrectionText {
    /// Whether `next` is the corrected event of the reversal `reversal`.
    public static func pairs(_ reversal: Event, _ next: Event) -> Bool {
        guard case .reversed(let undo) = reversal.body, next.seq == reversal.seq + 1 else { return false }
        return amended(by: next.body) == undo.targetSeq
    }

    /// The seq an event says it corrects.
    public static func amended(by body: EventBody) -> Int64? {
        switch body {
        case .disbursed(let payment): return payment.amends
        case .refunded(let refund): return refund.amends
        default: return nil
        }
    }

    /// `更正 #5: 100.00 → 120.00, 类 30211 差旅费 → 30216 培训费: 金额录入错误`.
    public static func describe(reversal: Event, corrected: Event) -> Message {
        guard case .reversed(let undo) = reversal.body else { return corrected.body.summary }
        let before = undo.original, after = corrected.body
        var changes: [String] = []
        func compare(_ label: String, _ a: String?, _ b: String?) {
            if a != b { changes.append("\(label)\(a ?? "—") → \(b ?? "—")") }
        }
        compare("", before.movements.primary.map { Money(fen: $0.fen).yuanText }, after.movements.primary.map { Money(fen: $0.fen).yuanText })
        compare("日期 ", reversal.date.text, corrected.date.text)
        compare("凭证 ", before.voucher, after.voucher)
        compare("经济分类 ", before.economicClass.map(ClassCatalogue.economic.label), after.economicClass.map(ClassCatalogue.economic.label))
        compare("功能分类 ", before.functionalClass.map(ClassCatalogue.functional.label), after.functionalClass.map(ClassCatalogue.functional.label))
        compare("收款人 ", before.payee, after.payee)
        compare("用途 ", before.remark, after.remark)
        return Message(verbatim: "更正 #\(undo.targetSeq): ") + (changes.isEmpty ? Message(.noFieldChanged) : Message(verbatim: changes.joined(separator: ", "))) + ": " + undo.reason
    }
}
