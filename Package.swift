// swift-tools-version:5.10
// The layers depend one way only: model → journal → projections → reports → command line.
// No package dependencies, by design: everything beyond the toolchain is written here.
import PackageDescription

// SHA-256 on the processor's SHA extensions: only that small target is compiled with them
// enabled, and it is called only after a run-time check that the processor has them.
#if arch(x86_64)
let shaHardwareFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-msha", "-Xcc", "-msse4.1", "-Xcc", "-mssse3"])]
#else
let shaHardwareFlags: [SwiftSetting] = []
#endif

let package = Package(
    name: "budget",
    products: [
        .executable(name: "budget", targets: ["budget"]),
        .library(name: "BudgetLedger", targets: ["BudgetText", "BudgetJSON", "BudgetModel", "BudgetJournal", "BudgetProjections", "BudgetStore", "BudgetReports", "BudgetCLI"]),
    ],
    targets: [
        // What the ledger says to a person, keyed, in each language: beneath every layer, which
        // returns messages that the command line renders in the reader's language.
        .target(name: "BudgetText"),
        // JSON values, reader and writer: below the model, which declares how each event field is spelled.
        .target(name: "BudgetJSON", dependencies: ["BudgetText"]),
        .target(name: "BudgetModel", dependencies: ["BudgetText", "BudgetJSON"]),
        .target(name: "SHA256Hardware", swiftSettings: shaHardwareFlags),
        .target(name: "BudgetJournal", dependencies: ["BudgetText", "BudgetJSON", "BudgetModel", "SHA256Hardware"]),
        .target(name: "BudgetProjections", dependencies: ["BudgetText", "BudgetModel"]),
        // The one place that reads and appends: read strategies, checkpoint, admission under the lock.
        .target(name: "BudgetStore", dependencies: ["BudgetText", "BudgetModel", "BudgetJournal", "BudgetProjections"]),
        .target(name: "BudgetReports", dependencies: ["BudgetText", "BudgetJSON", "BudgetModel", "BudgetProjections"]),
        .target(name: "BudgetCLI", dependencies: ["BudgetText", "BudgetJSON", "BudgetModel", "BudgetJournal", "BudgetProjections", "BudgetStore", "BudgetReports"]),
        .executableTarget(name: "budget", dependencies: ["BudgetCLI"]),
        // Writes the deterministic journals that Scripts/bench times; not part of the ledger.
        .executableTarget(name: "budget-bench", dependencies: ["BudgetText", "BudgetModel", "BudgetJournal"], path: "Sources/BudgetBench"),
        .testTarget(name: "BudgetTests", dependencies: ["BudgetText", "BudgetJSON", "BudgetModel", "BudgetJournal", "BudgetProjections", "BudgetStore", "BudgetReports", "BudgetCLI"], exclude: ["Fixtures"]),
    ]
)
