import BudgetText
import BudgetModel

/// `budget export --format hledger`: the export as an hledger journal (also read by ledger-cli).
/// Accounts are declared with `account`, the commodity with `commodity`, so that
/// `hledger check --strict` passes; each transaction carries its event's seq as its code.
public enum HledgerJournal {
    public static func render(_ export: LedgerExport) -> String {
        export.transactions.reduce(header(export)) { $0 + transaction($1, name: export.name) }
    }

    /// What comes before the transactions: the comments, the commodity and the accounts.
    public static func header(_ export: LedgerExport) -> String {
        var out = export.header.map { "; " + $0 + "\n" }.joined() + "\n"
        out += "commodity 1000.00 CNY\n\n"
        for (account, _) in export.accounts {
            out += "account \(export.name(account))  ; project: \(account.project), source: \(account.source)\n"
        }
        return out
    }

    /// One transaction, after a blank line.
    public static func transaction(_ transaction: ExportTransaction, name: (LedgerAccount) -> String) -> String {
        "\n" + transaction.date.text + " * (" + String(transaction.seq) + ") " + description(transaction) + "\n"
            + postings(transaction.postings, name: name)
    }

    /// hledger reads the description up to a `;` (a comment) and takes the part before a `|` as
    /// the payee: the payee goes there, and those two characters in the texts become their
    /// full-width forms, which keeps what they say.
    static func description(_ transaction: ExportTransaction) -> String {
        func clean(_ text: String) -> String {
            guard text.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "|") }) else { return text }
            return String(text.map { $0 == ";" ? "；" : $0 == "|" ? "｜" : $0 })
        }
        guard let payee = transaction.payee else { return clean(transaction.narration) }
        return clean(payee) + " | " + clean(transaction.narration)
    }

    /// Postings with the amounts lined up, two spaces at least after the longest account.
    static func postings(_ postings: [ExportTransaction.Posting], name: (LedgerAccount) -> String, indent: Int = 4) -> String {
        // Names and amounts are ASCII, so their lengths in bytes are their widths.
        let lines = postings.map { (name($0.account), $0.amount.yuanText) }
        let width = lines.map(\.0.utf8.count).max() ?? 0
        let amountWidth = lines.map(\.1.utf8.count).max() ?? 0
        var out = ""
        for (name, amount) in lines {
            out += String(repeating: " ", count: indent) + name
            out += String(repeating: " ", count: width - name.utf8.count + 2 + amountWidth - amount.utf8.count) + amount + " CNY\n"
        }
        return out
    }
}
