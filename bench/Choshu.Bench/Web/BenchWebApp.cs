using System.Collections.Concurrent;
using System.Diagnostics;
using Choshu.Data;
using Choshu.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Choshu.Bench.Web;

/// <summary>One request as the server saw it: when it arrived (Stopwatch timestamp) and how long the pipeline took, ms.</summary>
public readonly record struct ServerTiming(long Started, double Milliseconds);

/// <summary>
/// The staff web application exactly as <see cref="ChoshuWeb.BuildApp"/> assembles it (same services,
/// same pipeline, Kestrel without a Server header, the same log filters), with one addition in front of
/// the pipeline: a stopwatch around every request to <c>/Taxpayers/View/</c>, so that the report can tell
/// time spent in the application from time spent queueing for a connection or a thread, or in the client.
/// </summary>
public static class BenchWebApp
{
    public static WebApplication Build(Store store, string urls, ConcurrentQueue<ServerTiming> timings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--urls", urls],
            ApplicationName = typeof(ChoshuWeb).Assembly.GetName().Name,
        });
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        ChoshuWeb.AddServices(builder.Services, store, TimeProvider.System);
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/Taxpayers/View"))
            {
                await next();
                return;
            }
            var started = Stopwatch.GetTimestamp();
            await next();
            timings.Enqueue(new ServerTiming(started, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        });
        ChoshuWeb.UsePipeline(app);
        return app;
    }
}
