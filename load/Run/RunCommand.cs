using System.CommandLine;

namespace Matching.Load.Run;

/// <summary>
/// <c>run</c>: one scenario at one arrival rate against a running API, reported as report.json and report.html;
/// exit code 3 when an SLO was missed, 2 when the run could not start.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var options = new RunOptions();
        var rate = new Option<double>("--rate") { Description = "Arrival rate: requests per second (import: batches per second; freshness: probes per second)", Required = true };
        var duration = new Option<string>("--duration") { Description = "Measured time after the warm-up: 30s, 2m, 500ms, or seconds", Required = true };
        var command = new Command("run", "Hold one scenario at a fixed arrival rate (open model) against a running API; report latency percentiles, rates, errors and the SLO verdict.")
        {
            rate, duration,
        };
        options.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            if (!options.TryRead(parse, parse.GetValue(rate), parse.GetValue(duration), null, out var settings, out var error))
            {
                await Console.Error.WriteLineAsync(error);
                return LoadRun.CannotRun;
            }

            return (await LoadRun.ExecuteAsync(settings, Console.Error, cancel)).ExitCode;
        });
        return command;
    }
}
