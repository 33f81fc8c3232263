using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

// PowerShell 7 for Windows with the part of pwsh's command line the tests use:
//   pwsh.exe [-NoProfile] [-NonInteractive] (-File <script.ps1> [arguments] | -Command <text>)
// Not the SDK's ConsoleShell (pwsh's own host): that needs a real console, which Wine has not when output goes
// to a pipe or a file, as in CI. Profiles are never run, and nothing here reads input. The exit code is the
// script's `exit` code, 1 when it ends in a terminating error.
var rest = args.SkipWhile(a => a.Equals("-NoProfile", StringComparison.OrdinalIgnoreCase) || a.Equals("-NonInteractive", StringComparison.OrdinalIgnoreCase)).ToArray();
if (rest.Length < 2 || !(rest[0].Equals("-File", StringComparison.OrdinalIgnoreCase) || rest[0].Equals("-Command", StringComparison.OrdinalIgnoreCase)))
{
    Console.Error.WriteLine("usage: pwsh.exe [-NoProfile] [-NonInteractive] (-File <script.ps1> [arguments] | -Command <text>)");
    return 2;
}
Console.OutputEncoding = System.Text.Encoding.UTF8;

// The SDK's built-in modules (Microsoft.PowerShell.Management, Utility, ...) are in runtimes\win\lib\<tfm>\Modules
// in a publish, where the engine's $PSHOME\Modules rule does not look: put them on PSModulePath first.
var modules = Directory.EnumerateDirectories(Path.Combine(AppContext.BaseDirectory, "runtimes", "win", "lib"))
    .Select(tfm => Path.Combine(tfm, "Modules")).FirstOrDefault(Directory.Exists);
if (modules != null)
    Environment.SetEnvironmentVariable("PSModulePath", modules + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath"));

var iss = InitialSessionState.CreateDefault2();
// Scripts meet the Restricted policy otherwise; this host runs only the project's own test scripts.
iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
using var runspace = RunspaceFactory.CreateRunspace(iss);
runspace.Open();
using var ps = PowerShell.Create(runspace);
// Write-Host -NoNewline (Pester's coloured segments) stays on one line.
ps.Streams.Information.DataAdded += (s, e) =>
{
    var data = ps.Streams.Information[e.Index].MessageData;
    if (data is HostInformationMessage { NoNewLine: true } part) Console.Write(part.Message);
    else Console.WriteLine(data);
};
ps.Streams.Warning.DataAdded += (s, e) => Console.WriteLine("WARNING: " + ps.Streams.Warning[e.Index].Message);
ps.Streams.Error.DataAdded += (s, e) => Console.Error.WriteLine(ps.Streams.Error[e.Index].ToString());
// -Command text runs as a script file too: `exit` in a file sets $LASTEXITCODE, while at the top of a hosted
// pipeline it would only tell the (absent) host to exit.
string? commandFile = null;
if (rest[0].Equals("-File", StringComparison.OrdinalIgnoreCase))
{
    ps.AddCommand(Path.GetFullPath(rest[1]));
    foreach (var a in rest.Skip(2)) ps.AddArgument(a);
}
else
{
    commandFile = Path.Combine(Path.GetTempPath(), $"pwsh-command-{Guid.NewGuid():n}.ps1");
    File.WriteAllText(commandFile, string.Join(" ", rest.Skip(1)), new System.Text.UTF8Encoding(true));
    ps.AddCommand(commandFile);
}
ps.AddCommand("Out-String").AddParameter("Stream");
var output = new PSDataCollection<PSObject>();
output.DataAdded += (s, e) => Console.WriteLine(output[e.Index]);
try
{
    ps.Invoke(null, output);
}
catch (RuntimeException e)
{
    Console.Error.WriteLine(e.ErrorRecord?.ToString() ?? e.Message);
    return 1;
}
finally
{
    if (commandFile != null) File.Delete(commandFile);
}
return runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int code ? code : 0;
