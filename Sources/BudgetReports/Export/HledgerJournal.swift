import BudgetModel

/// `budget export --format hledger`: the export as an hledger journal (also read by ledger-cli).
/// Accounts are declared with `account`, the commodity with `commodity`, so that
/// `hledger check --strict` passes; each transaction carries its event's seq as its code.
public enum HledgerJournal {
    public static func render(_ export: LedgerExport) -> String {
        var out = export.header.map { "; " + $0 + "\n" }.joined() + "\n"
        out += "commodity 1000.00 CNY\n\n"
        for (account, _) in export.accounts {
            out += "account \(account.name)  ; project: \(account.project), source: \(account.source)\n"
        }
        for transaction in export.transactions {
            out += "\n\(transaction.date) * (\(transaction.seq)) \(description(transaction))\n"
            out += postings(transaction.postings)
        }
        return out
    }

    /// hledger reads the description up to a `;` (a comment) and takes the part before a `|` as
    /// the payee: the payee goes there, and those two characters in the texts become their
    /// full-width forms, which keeps what they say.
    static func description(_ transaction: ExportTransaction) -> String {
        func clean(_ text: String) -> String {
            String(text.map { $0 == ";" ? "；" : $0 == "|" ? "｜" : $0 })
        }
        guard let payee = transaction.payee else { return clean(transaction.narration) }
        return clean(payee) + " | " + clean(transaction.narration)
    }

    /// Postings with the amounts lined up, two spaces at least after the longest account.
    static func postings(_ postings: [ExportTransaction.Posting], indent: Int = 4) -> String {
        let width = postings.map(\.account.name.count).max() ?? 0
        let amountWidth = postings.map(\.amount.yuanText.count).max() ?? 0
        return postings.map { posting in
            let name = posting.account.name
            let amount = posting.amount.yuanText
            return String(repeating: " ", count: indent) + name + String(repeating: " ", count: width - name.count + 2 + amountWidth - amount.count) + amount + " CNY\n"
        }.joined()
    }
}
