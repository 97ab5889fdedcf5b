using System.CommandLine;
using Clearwind.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Clearwind.Cli.Commands;

/// <summary>
/// <c>clearwind serve [--store FILE|URI] [--policy FILE] [--urls URLS]</c>: the live HTTP service (see docs/service.md). It is an
/// ordinary ASP.NET Core host: <c>ASPNETCORE_URLS</c>, <c>appsettings.json</c> in the working directory and environment
/// variables (<c>Clearwind__Store</c>, …) apply; the options here override them.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Store: a SQLite file (default: ./clearwind.db, or Clearwind:Store from the configuration) or postgres://user:password@host:port/db?schema=NAME" };
        var policy = new Option<string?>("--policy") { Description = "Policy file (default: the built-in default)" };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:8080 (default: ASPNETCORE_URLS, else http://localhost:5000)" };
        var command = new Command("serve", "Run the live HTTP service: ingest, decisions, entities, signals, rules, metrics, OpenAPI") { store, policy, urls };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(store), parse.GetValue(policy), parse.GetValue(urls), ct));
        return command;
    }

    public static async Task<int> RunAsync(string? store, string? policy, string? urls, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder();
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (store is not null)
        {
            overrides[$"{ServiceOptions.Section}:{nameof(ServiceOptions.Store)}"] = store;
        }

        if (policy is not null)
        {
            overrides[$"{ServiceOptions.Section}:{nameof(ServiceOptions.Policy)}"] = policy;
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.AddClearwindService();
        await using var app = builder.Build();
        app.MapClearwindService();
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
