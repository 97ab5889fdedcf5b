using System.CommandLine;
using Clearwind.Cli.Commands;

var root = new RootCommand("Clearwind: marketplace anti-cheating engine (电商反作弊). Detects, decides, explains.")
{
    DemoCommand.Create(),
    SimulateCommand.Create(),
    ScanCommand.Create(),
    EvalCommand.Create(),
    ShopeeCommand.Create(),
    MatchEvalCommand.Create(),
    RulesCommand.Create(),
    VerifyCommand.Create(),
    AllianceCommand.Create(),
    ServeCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
