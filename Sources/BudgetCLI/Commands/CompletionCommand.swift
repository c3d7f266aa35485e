import BudgetText

/// `budget completion bash`: prints the shell completion script.
enum CompletionCommand {
    static let command = Command(
        spec: CommandSpec(
            name: "completion", summary: Message(.printBashCompletionScriptCommands),
            positionals: ["SHELL"],
            options: [],
            example: "source <(budget completion bash)",
            details: "SHELL is bash, the only one supported. The script completes commands (budget rep<TAB> → report, repair), subcommands, each command's options, and the values of options with a closed set (formats, fund sources, levels, grades) or a file name."),
        run: { arguments, context in
            let shell = arguments.positional(0)
            guard shell == "bash" else { throw UsageError(.sHELLIsNotSupportedBash, shell) }
            context.write(BashCompletion.script)
        })
}
