@testable import BudgetCLI

/// An import file read whole, straight through: what reading it in pieces must give.
enum WholeImportFile {
    static func csv(_ bytes: [UInt8]) throws -> ImportFile.Rows {
        let header = try ImportFile.csvHeader(bytes)
        var read = try bytes.withUnsafeBufferPointer { input in
            try ImportFile.rows(input, from: header.offset, to: input.count, firstLine: header.bodyLine, header.columns)
        }
        read.headerLine = header.line
        return read
    }

    static func jsonLines(_ bytes: [UInt8]) throws -> ImportFile.Rows {
        let read = ImportFile.jsonLines(bytes[...], firstLine: 1)
        guard read.fileProblems.isEmpty else { throw ImportFailed(problems: read.fileProblems) }
        return read.rows
    }
}
