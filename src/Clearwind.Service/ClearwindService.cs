using System.Globalization;
using System.Threading.RateLimiting;
using Clearwind.Output;
using Clearwind.Service.Endpoints;
using Clearwind.Service.Live;
using Clearwind.Service.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Clearwind.Service;

/// <summary>Composes the service: <c>builder.AddClearwindService()</c>, then <c>app.MapClearwindService()</c>.</summary>
public static class ClearwindService
{
    /// <summary>Registers the live engine, API-key authentication and roles, rate limiting, metrics and OpenAPI.</summary>
    public static WebApplicationBuilder AddClearwindService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<ServiceOptions>(builder.Configuration.GetSection(ServiceOptions.Section));
        services.TryAddSingletonTimeProvider();
        services.AddSingleton<EngineHost>();
        services.AddHostedService(sp => sp.GetRequiredService<EngineHost>());
        services.AddSingleton(sp => sp.GetRequiredService<EngineHost>().Engine);
        services.AddSingleton(sp => new ApiKeyStore(sp.GetRequiredService<LiveEngine>().Store.Metadata, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IdempotencyCache>();
        services.AddSingleton<Cases.AppealDesk>();
        services.ConfigureHttpJsonOptions(o => OutputJson.ApplyTo(o.SerializerOptions));
        services.AddProblemDetails();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                ServiceMetrics.Rejected.Add(1);
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.RateLimit;
                var client = http.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth
                    : http.Request.Headers["X-Api-Key"].ToString() is { Length: > 0 } key ? key
                    : http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = limits.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                });
            });
        });

        services.AddHealthChecks().AddCheck<EngineHealthCheck>("engine");
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(ServiceMetrics.MeterName)
            .AddMeter("System.Runtime") // the runtime's own: GC heap sizes and pauses, working set, thread pool (a soak watches them)
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            // Every /v1 endpoint takes an API key (Authorization: Bearer cw_…); the document says so once for all.
            document.Info.Title = "Clearwind";
            document.Info.Description = "Marketplace anti-cheating engine: ingest, findings and decisions, cases, appeals and the public jury, search signals, rules.";
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["ApiKey"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key made with POST /v1/keys (the first admin key is written next to the store on first start).",
            };
            document.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Maps every endpoint: ingest, entities, signals, rules, keys, status, health, metrics and OpenAPI.</summary>
    public static WebApplication MapClearwindService(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The web console: static pages embedded in this assembly, at /.
        var console = new Microsoft.Extensions.FileProviders.ManifestEmbeddedFileProvider(typeof(ClearwindService).Assembly, "Console/wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = console });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = console });
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(WaitForTheStoredView);
        app.MapIngestApi();
        app.MapEntitiesApi();
        app.MapSignalsApi();
        app.MapCasesApi();
        app.MapRulesApi();
        app.MapAdminApi();
        app.MapAllianceApi();
        app.MapHealthChecks("/healthz", new HealthCheckOptions()).DisableRateLimiting();
        app.MapPrometheusScrapingEndpoint("/metrics").DisableRateLimiting();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    // After a start the stored findings and decision log load in the background (a second or two): reads of the API wait
    // for them rather than show an empty engine; ingest does not wait, it is stored and acknowledged at once.
    private static async Task WaitForTheStoredView(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/v1") && !(HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/v1/events")))
        {
            var loaded = context.RequestServices.GetRequiredService<LiveEngine>().ViewLoaded;
            if (!loaded.IsCompleted)
            {
                await loaded.WaitAsync(context.RequestAborted);
            }
        }

        await next(context);
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
