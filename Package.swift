// swift-tools-version:5.10
// The layers depend one way only: model → journal → projections → reports → command line.
// No package dependencies, by design: everything beyond the toolchain is written here.
import PackageDescription

let package = Package(
    name: "budget",
    products: [
        .executable(name: "budget", targets: ["budget"]),
        .library(name: "BudgetLedger", targets: ["BudgetModel", "BudgetJournal", "BudgetProjections", "BudgetReports", "BudgetCLI"]),
    ],
    targets: [
        .target(name: "BudgetModel"),
        .target(name: "BudgetJournal", dependencies: ["BudgetModel"]),
        .target(name: "BudgetProjections", dependencies: ["BudgetModel", "BudgetJournal"]),
        .target(name: "BudgetReports", dependencies: ["BudgetModel", "BudgetJournal", "BudgetProjections"]),
        .target(name: "BudgetCLI", dependencies: ["BudgetModel", "BudgetJournal", "BudgetProjections", "BudgetReports"]),
        .executableTarget(name: "budget", dependencies: ["BudgetCLI"]),
        // Writes the deterministic journals that Scripts/bench times; not part of the ledger.
        .executableTarget(name: "budget-bench", dependencies: ["BudgetModel", "BudgetJournal"], path: "Sources/BudgetBench"),
        .testTarget(name: "BudgetTests", dependencies: ["BudgetModel", "BudgetJournal", "BudgetProjections", "BudgetReports", "BudgetCLI"]),
    ]
)
