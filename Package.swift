// swift-tools-version:5.10
// The layers depend one way only: model → journal → projections → reports → command line.
// No package dependencies, by design: everything beyond the toolchain is written here.
import PackageDescription

let package = Package(
    name: "budget",
    products: [
        .executable(name: "budget", targets: ["budget"]),
        .library(name: "BudgetLedger", targets: ["BudgetJSON", "BudgetModel", "BudgetJournal", "BudgetProjections", "BudgetStore", "BudgetReports", "BudgetCLI"]),
    ],
    targets: [
        // JSON values, reader and writer: below the model, which declares how each event field is spelled.
        .target(name: "BudgetJSON"),
        .target(name: "BudgetModel", dependencies: ["BudgetJSON"]),
        .target(name: "BudgetJournal", dependencies: ["BudgetJSON", "BudgetModel"]),
        .target(name: "BudgetProjections", dependencies: ["BudgetModel"]),
        // The one place that reads and appends: read strategies, checkpoint, admission under the lock.
        .target(name: "BudgetStore", dependencies: ["BudgetModel", "BudgetJournal", "BudgetProjections"]),
        .target(name: "BudgetReports", dependencies: ["BudgetJSON", "BudgetModel", "BudgetProjections"]),
        .target(name: "BudgetCLI", dependencies: ["BudgetJSON", "BudgetModel", "BudgetJournal", "BudgetProjections", "BudgetStore", "BudgetReports"]),
        .executableTarget(name: "budget", dependencies: ["BudgetCLI"]),
        // Writes the deterministic journals that Scripts/bench times; not part of the ledger.
        .executableTarget(name: "budget-bench", dependencies: ["BudgetModel", "BudgetJournal"], path: "Sources/BudgetBench"),
        .testTarget(name: "BudgetTests", dependencies: ["BudgetJSON", "BudgetModel", "BudgetJournal", "BudgetProjections", "BudgetStore", "BudgetReports", "BudgetCLI"], exclude: ["Fixtures"]),
    ]
)
