#Requires -Version 7.4
<#
.SYNOPSIS
    Benchmarks Start-CGIPAuthAdmin (this module) against the AWS SDK for Rust, the AWS SDK for .NET pipeline
    (DynamoDB GetItem as proxy, in a plain .NET process and from pwsh), boto3 and the AWS CLI v1, on servers it
    starts on 127.0.0.1, and writes bench/results/results.md, results.json and chart.png.
.DESCRIPTION
    Not part of the test run. See bench/README.md for what each figure measures.
    Servers: (a) the canned responder (bench/responder) answering at once, (b) the same answering after
    5 ms, (c) moto. All are started and stopped here.
.PARAMETER Quick
    Small counts (about 2 minutes): to check that the harness works, not to quote.
.PARAMETER NoBuild
    Use out/CognitoAdminAuth and target/release/cgip-bench-* as they are instead of building them.
.PARAMETER PwshHost
    Which pwsh runs the rows measured inside PowerShell (ours, the .NET pipeline from pwsh, PowerShell's floor):
    DotnetTool (default) is .tools/pwsh/pwsh as bootstrap.sh installs it, whose assemblies are IL only;
    ReadyToRun is the same PowerShell with its assemblies compiled ReadyToRun, as its release packages ship them
    (bench/New-ReadyToRunPwsh.ps1 makes it in .tools/pwsh-r2r).
.PARAMETER OutDir
    Where results.md, results.json and chart.png go (default bench/results, or bench/results-r2r-host with
    -PwshHost ReadyToRun).
.PARAMETER ReportOnly
    Measure nothing: rewrite results.md and chart.png from the results.json already in -OutDir.
#>
[CmdletBinding()]
param(
    [switch] $Quick,
    [switch] $NoBuild,
    [ValidateSet('DotnetTool', 'ReadyToRun')] [string] $PwshHost = 'DotnetTool',
    [string] $OutDir = (Join-Path $PSScriptRoot $(if ($PwshHost -eq 'ReadyToRun') { 'results-r2r-host' } else { 'results' })),
    [switch] $ReportOnly
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$inv = [cultureinfo]::InvariantCulture
$runStarted = [DateTime]::UtcNow
$runClock = [Diagnostics.Stopwatch]::StartNew()

if ($ReportOnly) {
    . (Join-Path $PSScriptRoot 'report.ps1')
    $results = Get-Content (Join-Path $OutDir 'results.json') -Raw | ConvertFrom-Json -AsHashtable -DateKind String
    $chartNote = New-BenchChart -Results $results -Path (Join-Path $OutDir 'chart.png') -ScratchDir $OutDir
    Set-Content -Path (Join-Path $OutDir 'results.md') -Value (Format-BenchMarkdown -Results $results -ChartNote $chartNote) -Encoding utf8
    Write-Host "Rewrote results.md and chart.png (chart: $chartNote) in $OutDir"
    return
}

# --- where things are --------------------------------------------------------------------------------------
$root = Split-Path $PSScriptRoot -Parent
$pwsh = if ($PwshHost -eq 'ReadyToRun') { & (Join-Path $PSScriptRoot 'New-ReadyToRunPwsh.ps1') | Select-Object -Last 1 } else { Join-Path $root '.tools/pwsh/pwsh' }
$python = Join-Path $root '.tools/venv/bin/python'
$awsCli = Join-Path $root '.tools/venv/bin/aws'
$modulePath = Join-Path $root 'out/CognitoAdminAuth'
$responderExe = Join-Path $root 'target/release/cgip-bench-responder'
$rustPeerExe = Join-Path $root 'target/release/cgip-bench-rust-peer'
$pwshWorker = Join-Path $PSScriptRoot 'workers/pwsh_peer.ps1'
$dotnetPeerDir = Join-Path $root 'target/bench/dotnet-peer'
$dotnetPeerExe = Join-Path $dotnetPeerDir 'cgip-bench-dotnet-peer'
$botoWorker = Join-Path $PSScriptRoot 'workers/boto3_peer.py'

# --- how much ----------------------------------------------------------------------------------------------
$n = if ($Quick) {
    [ordered]@{
        Fresh = 3; CliCalls = 5; LatencyRounds = 2; LatencyPerRound = 100; MotoPerRound = 15; Warmup = 20; SteadyWarmup = 500
        SeqCalls = 200; ParCalls = 800; Concurrency = 8; MemoryCalls = 3000
    }
} else {
    [ordered]@{
        Fresh = 10; CliCalls = 20; LatencyRounds = 4; LatencyPerRound = 250; MotoPerRound = 50; Warmup = 50; SteadyWarmup = 5000
        SeqCalls = 1000; ParCalls = 4000; Concurrency = 8; MemoryCalls = 10000
    }
}
$memoryCheckpoints = (@(10, 100, 1000, [int]($n.MemoryCalls / 2), $n.MemoryCalls) | Sort-Object -Unique) -join ','

$notObtainable = @(
    [ordered]@{ peer = 'AWS SDK for .NET (AWSSDK.CognitoIdentityProvider)'; reason = 'not obtainable here: NuGet answers NU1101 (no package with this id); see docs/toolchain.md. Its request pipeline (AWSSDK.Core 4.1.0: SigV4, retry, HttpClient, JSON protocol) is measured instead through DynamoDB GetItem (AWSSDK.DynamoDBv2 4.1.0) against the same responder: the rows "AWS SDK for .NET pipeline (DynamoDB GetItem as proxy)"' }
    [ordered]@{ peer = 'AWS Tools for PowerShell (AWS.Tools.CognitoIdentityProvider)'; reason = 'not obtainable here: NuGet answers NU1101 and the PowerShell Gallery cannot be reached; see docs/toolchain.md' }
)

function Step([string] $text) { Write-Host ("[{0,6:N1} s] {1}" -f $runClock.Elapsed.TotalSeconds, $text) -ForegroundColor Cyan }
function Note([string] $text) { Write-Host "           $text" }

# Children inherit these: no telemetry or update check at pwsh start, and AWS settings that cannot come
# from the user's own files (the AWS CLI reads its keys from here; the others are given them explicitly).
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
$env:POWERSHELL_UPDATECHECK = 'Off'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:AWS_ACCESS_KEY_ID = 'AKIDTEST'
$env:AWS_SECRET_ACCESS_KEY = 'test-secret'
$env:AWS_DEFAULT_REGION = 'us-east-1'
$env:AWS_CONFIG_FILE = '/nonexistent/cgip-bench/config'
$env:AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/cgip-bench/credentials'
$env:AWS_EC2_METADATA_DISABLED = 'true'
$env:AWS_PAGER = ''

# --- helpers -----------------------------------------------------------------------------------------------
function Invoke-Timed {
    <# Runs a program to its end; returns exit code, wall time (start to exit) and its output. #>
    param([string] $File, [string[]] $Arguments, [int] $TimeoutSec = 600)
    $psi = [Diagnostics.ProcessStartInfo]::new($File)
    foreach ($a in $Arguments) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.WorkingDirectory = $root
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $p = [Diagnostics.Process]::Start($psi)
    $out = $p.StandardOutput.ReadToEndAsync()
    $err = $p.StandardError.ReadToEndAsync()
    if (-not $p.WaitForExit($TimeoutSec * 1000)) {
        $p.Kill($true)
        throw "$([IO.Path]::GetFileName($File)) did not finish within $TimeoutSec s"
    }
    $p.WaitForExit()
    $sw.Stop()
    [pscustomobject]@{ ExitCode = $p.ExitCode; WallMs = $sw.Elapsed.TotalMilliseconds; Stdout = $out.Result; Stderr = $err.Result }
}

function Get-Stats([double[]] $values) {
    <# Median (mean of the middle two for an even count) and p99 (nearest rank: the ceil(0.99 n)-th smallest). #>
    if (-not $values -or $values.Count -eq 0) { return $null }
    $s = [double[]]$values.Clone()
    [Array]::Sort($s)
    $count = $s.Count
    $median = if ($count % 2) { $s[($count - 1) / 2] } else { ($s[$count / 2 - 1] + $s[$count / 2]) / 2 }
    $p99 = $s[[Math]::Max(0, [int][Math]::Ceiling(0.99 * $count) - 1)]
    $sum = 0.0; foreach ($v in $s) { $sum += $v }
    [ordered]@{ n = $count; median = [Math]::Round($median, 4); p99 = [Math]::Round($p99, 4); min = [Math]::Round($s[0], 4); max = [Math]::Round($s[-1], 4); mean = [Math]::Round($sum / $count, 4) }
}

$script:failures = [Collections.Generic.List[string]]::new()
function Try-Measure([string] $what, [scriptblock] $block) {
    <# A failing peer or step is reported and skipped; the rest of the run goes on. #>
    try { & $block }
    catch {
        $message = "$what failed: $($_.Exception.Message)"
        Write-Warning $message
        $script:failures.Add($message)
    }
}

function Invoke-Peer {
    <# One worker process of a peer against a server; returns its JSON result as a hashtable plus wall_ms. #>
    param(
        [ValidateSet('ours', 'rust', 'boto3', 'dotnet', 'dotnet_pwsh', 'pwsh_floor', 'rust_abi')] [string] $Peer,
        [string] $Mode, $Server,
        [int] $Calls = 0, [int] $Warmup = -1, [int] $Concurrency = 0, [string] $Checkpoints = ''
    )
    if ($Peer -in 'ours', 'dotnet_pwsh', 'pwsh_floor') {
        $file = $pwsh
        $argv = @('-NoProfile', '-NonInteractive', '-File', $pwshWorker, '-Mode', $Mode, '-ModulePath', $modulePath)
        if ($Peer -eq 'dotnet_pwsh') { $argv += @('-Peer', 'dotnet-sdk', '-SdkDir', $dotnetPeerDir) }
        if ($Peer -eq 'pwsh_floor') { $argv += @('-Peer', 'pwsh-floor') }
        if ($Mode -eq 'import') { $argv += @('-TrivialModulePath', $trivialModule) }
        if ($Server) { $argv += @('-Endpoint', $Server.Url, '-Pool', $Server.Pool, '-ClientId', $Server.ClientId, '-User', $Server.User, '-Password', $Server.Password) }
        if ($Calls) { $argv += @('-Calls', "$Calls") }
        if ($Warmup -ge 0) { $argv += @('-Warmup', "$Warmup") }
        if ($Concurrency) { $argv += @('-Concurrency', "$Concurrency") }
        if ($Checkpoints) { $argv += @('-Checkpoints', $Checkpoints) }
    } else {
        $file = switch ($Peer) { 'rust' { $rustPeerExe } 'rust_abi' { $rustPeerExe } 'dotnet' { $dotnetPeerExe } default { $python } }
        $argv = @(if ($Peer -eq 'boto3') { $botoWorker }) + @(if ($Peer -eq 'rust_abi') { "$Mode-abi" } else { $Mode })
        $argv += @('--endpoint', $Server.Url, '--pool', $Server.Pool, '--client-id', $Server.ClientId, '--user', $Server.User, '--password', $Server.Password)
        if ($Calls) { $argv += @('--calls', "$Calls") }
        if ($Warmup -ge 0) { $argv += @('--warmup', "$Warmup") }
        if ($Concurrency) { $argv += @('--concurrency', "$Concurrency") }
        if ($Checkpoints) { $argv += @('--checkpoints', $Checkpoints) }
    }
    $r = Invoke-Timed $file $argv
    if ($r.ExitCode -ne 0) {
        $tail = (($r.Stderr + "`n" + $r.Stdout).Trim() -split "`n" | Select-Object -Last 6) -join ' | '
        throw "$Peer $Mode exited with $($r.ExitCode): $tail"
    }
    $line = $r.Stdout -split "`n" | Where-Object { $_.TrimStart().StartsWith('{') } | Select-Object -Last 1
    if (-not $line) { throw "$Peer $Mode printed no result" }
    $data = $line | ConvertFrom-Json -AsHashtable
    $data['wall_ms'] = $r.WallMs
    $data
}

function Invoke-AwsCli($Server) {
    <# One AWS CLI call (one process); returns its wall time in ms. #>
    $argv = @('cognito-idp', 'admin-initiate-auth', '--endpoint-url', $Server.Url, '--region', 'us-east-1',
        '--user-pool-id', $Server.Pool, '--client-id', $Server.ClientId, '--auth-flow', 'ADMIN_USER_PASSWORD_AUTH',
        '--auth-parameters', (@{ USERNAME = $Server.User; PASSWORD = $Server.Password } | ConvertTo-Json -Compress), '--output', 'json')
    $r = Invoke-Timed $awsCli $argv
    if ($r.ExitCode -ne 0 -or $r.Stdout -notmatch '"AccessToken"') { throw "aws exited with $($r.ExitCode): $(($r.Stderr.Trim() -split "`n" | Select-Object -Last 3) -join ' | ')" }
    $r.WallMs
}

function Start-Responder([int] $DelayMs) {
    $psi = [Diagnostics.ProcessStartInfo]::new($responderExe)
    foreach ($a in @('--delay-ms', "$DelayMs", '--max-seconds', '3600')) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $p = [Diagnostics.Process]::Start($psi)
    $line = $p.StandardOutput.ReadLineAsync()
    if (-not $line.Wait(15000) -or -not $line.Result -or $line.Result -notmatch '^listening (http://127\.0\.0\.1:\d+)') {
        if (-not $p.HasExited) { $p.Kill() }
        throw "the responder did not start (said: '$(if ($line.IsCompleted) { $line.Result })')"
    }
    [pscustomobject]@{
        Url = $Matches[1]; Process = $p; DelayMs = $DelayMs
        Pool = 'us-east-1_BenchPool1'; ClientId = 'benchclient0000000000000001'; User = 'alice'; Password = 'Correct-Horse-9!'
    }
}

function Stop-Responder($Server) {
    if ($Server -and -not $Server.Process.HasExited) { $Server.Process.Kill(); $Server.Process.WaitForExit(5000) | Out-Null }
}

# moto is started here rather than with tests/TestSupport.psm1, so that the benchmark does not change
# when the test fixtures do.
function Start-Moto {
    $motoServer = Join-Path $root '.tools/venv/bin/moto_server'
    if (-not (Test-Path $motoServer)) { throw "moto is not installed: run scripts/bootstrap.sh first ($motoServer missing)" }
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $psi = [Diagnostics.ProcessStartInfo]::new($motoServer)
    foreach ($a in @('-H', '127.0.0.1', '-p', "$port")) { $psi.ArgumentList.Add($a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $p = [Diagnostics.Process]::Start($psi)
    $null = $p.StandardOutput.ReadToEndAsync(); $null = $p.StandardError.ReadToEndAsync()   # keep the pipes drained
    $url = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($true) {
        try { Invoke-WebRequest -Uri "$url/moto-api/" -TimeoutSec 2 | Out-Null; break }
        catch {
            if ($p.HasExited) { throw "moto exited at start (exit code $($p.ExitCode))" }
            if ([DateTime]::UtcNow -gt $deadline) { $p.Kill($true); throw "moto did not answer on $url within 60 s" }
            Start-Sleep -Milliseconds 100
        }
    }
    [pscustomobject]@{ Url = $url; Process = $p }
}

function Invoke-MotoApi($Moto, [string] $Operation, [hashtable] $Body) {
    $headers = @{
        'X-Amz-Target'  = "AWSCognitoIdentityProviderService.$Operation"
        'Authorization' = 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0'
    }
    Invoke-RestMethod -Method Post -Uri "$($Moto.Url)/" -Headers $headers -ContentType 'application/x-amz-json-1.1' -Body ($Body | ConvertTo-Json -Depth 10 -Compress)
}

function New-MotoUser($Moto, [string] $UserName, [string] $Password) {
    <# A pool, an app client allowing ADMIN_USER_PASSWORD_AUTH, and a confirmed user with a permanent password. #>
    $pool = (Invoke-MotoApi $Moto CreateUserPool @{ PoolName = 'bench-pool' }).UserPool
    $client = (Invoke-MotoApi $Moto CreateUserPoolClient @{ UserPoolId = $pool.Id; ClientName = 'bench-client'; ExplicitAuthFlows = @('ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH') }).UserPoolClient
    Invoke-MotoApi $Moto AdminCreateUser @{ UserPoolId = $pool.Id; Username = $UserName; TemporaryPassword = $Password; MessageAction = 'SUPPRESS' } | Out-Null
    Invoke-MotoApi $Moto AdminSetUserPassword @{ UserPoolId = $pool.Id; Username = $UserName; Password = $Password; Permanent = $true } | Out-Null
    [pscustomobject]@{ UserPoolId = $pool.Id; ClientId = $client.ClientId }
}

function Stop-Moto($Moto) {
    if ($Moto -and -not $Moto.Process.HasExited) { $Moto.Process.Kill($true); $Moto.Process.WaitForExit(5000) | Out-Null }
}

function Get-LoadAverage { (Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ' }

function Get-CommandVersion([string] $file, [string[]] $argv) {
    try { $r = Invoke-Timed $file $argv 60; (($r.Stdout + ' ' + $r.Stderr).Trim() -split "`n")[0].Trim() } catch { 'unknown' }
}

# --- build -------------------------------------------------------------------------------------------------
Step "CognitoAdminAuth benchmark ($(if ($Quick) { 'QUICK: small counts' } else { 'full' }))"
foreach ($tool in @($pwsh, $python, $awsCli)) {
    if (-not (Test-Path $tool)) { throw "$tool is missing: run 'bash scripts/bootstrap.sh' first" }
}
if (-not $NoBuild) {
    Step 'Building the module (build.ps1)'
    $b = Invoke-Timed $pwsh @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'build.ps1'))
    if ($b.ExitCode -ne 0) { throw "build.ps1 failed:`n$($b.Stdout)`n$($b.Stderr)" }
    # One crate per cargo invocation: built together, Cargo would unify the responder's hyper 'server'
    # feature into the SDK's graph and compile the SDK again.
    foreach ($crate in 'cgip_bench_responder', 'cgip_bench_rust_peer') {
        Step "cargo build --release -p $crate"
        $b = Invoke-Timed 'cargo' @('build', '--release', '--manifest-path', (Join-Path $root 'Cargo.toml'), '-p', $crate)
        if ($b.ExitCode -ne 0) { throw "cargo build -p $crate failed:`n$($b.Stderr)" }
    }
    Step 'dotnet build bench/dotnet-peer (AWSSDK.DynamoDBv2 from NuGet)'
    $b = Invoke-Timed 'dotnet' @('build', (Join-Path $PSScriptRoot 'dotnet-peer/DotnetPeer.csproj'), '-c', 'Release', '-o', $dotnetPeerDir, '--nologo', '-v', 'quiet')
    if ($b.ExitCode -ne 0) { throw "dotnet build of bench/dotnet-peer failed:`n$($b.Stdout)`n$($b.Stderr)" }
}
foreach ($f in @($modulePath, $responderExe, $rustPeerExe, $dotnetPeerExe)) {
    if (-not (Test-Path $f)) { throw "$f is missing (run without -NoBuild)" }
}

# A trivial script module: importing it first pays pwsh's one-time Import-Module costs, so that the import
# of ours is measured in a warm pwsh.
$scratch = Join-Path ([IO.Path]::GetTempPath()) "cgip-bench-$PID"
New-Item -ItemType Directory -Force -Path $scratch | Out-Null
$trivialModule = Join-Path $scratch 'BenchTrivial.psd1'
Set-Content -Path (Join-Path $scratch 'BenchTrivial.psm1') -Value 'function Get-BenchTrivial { 1 }'
Set-Content -Path $trivialModule -Value "@{ ModuleVersion = '1.0'; RootModule = 'BenchTrivial.psm1'; FunctionsToExport = @('Get-BenchTrivial') }"

# --- machine and versions ----------------------------------------------------------------------------------
Step 'Describing the machine'
$cpuinfo = Get-Content /proc/cpuinfo
$osRelease = Get-Content /etc/os-release | Where-Object { $_ -like 'PRETTY_NAME=*' } | ForEach-Object { $_.Split('=', 2)[1].Trim('"') }
$memKib = [double]((Get-Content /proc/meminfo | Where-Object { $_ -like 'MemTotal:*' }) -replace '\D', '')
$lock = Get-Content (Join-Path $root 'Cargo.lock') -Raw
function Get-LockVersion([string] $crate) { if ($lock -match "name = `"$([regex]::Escape($crate))`"\r?\nversion = `"([^`"]+)`"") { $Matches[1] } else { 'unknown' } }
$pyVersions = Get-CommandVersion $python @('-c', 'import sys, boto3, botocore, moto; print(sys.version.split()[0], boto3.__version__, botocore.__version__, moto.__version__)')
$gitHead = Get-CommandVersion 'git' @('-C', $root, 'rev-parse', '--short', 'HEAD')
$gitDirty = (Invoke-Timed 'git' @('-C', $root, 'status', '--porcelain', '--untracked-files=no')).Stdout.Trim().Length -gt 0
$machine = [ordered]@{
    cpu_model = (($cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -split ':', 2)[1].Trim()
    logical_cores = @($cpuinfo | Where-Object { $_ -like 'processor*' }).Count
    memory_gib = [Math]::Round($memKib / 1MB, 1)
    os = $osRelease
    kernel = (Get-Content /proc/sys/kernel/osrelease -Raw).Trim()
    load_average_start = Get-LoadAverage
}
$pyParts = "$pyVersions".Split(' ')
$versions = [ordered]@{
    pwsh = "$($PSVersionTable.PSVersion)"
    pwsh_host = if ($PwshHost -eq 'ReadyToRun') { "$pwsh (its assemblies compiled ReadyToRun, as PowerShell's release packages ship them)" } else { "$pwsh (dotnet tool: assemblies IL only, JIT-compiled)" }
    dotnet = [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
    module = "$((Import-PowerShellDataFile (Join-Path $modulePath 'CognitoAdminAuth.psd1')).ModuleVersion)"
    git_commit = "$gitHead$(if ($gitDirty) { ' (with uncommitted changes)' })"
    rustc = Get-CommandVersion 'rustc' @('--version')
    aws_sdk_cognitoidentityprovider = Get-LockVersion 'aws-sdk-cognitoidentityprovider'
    aws_config = Get-LockVersion 'aws-config'
    aws_smithy_runtime = Get-LockVersion 'aws-smithy-runtime'
    hyper = Get-LockVersion 'hyper'
    tokio = Get-LockVersion 'tokio'
    python = $pyParts[0]
    boto3 = if ($pyParts.Count -ge 4) { $pyParts[1] } else { 'unknown' }
    botocore = if ($pyParts.Count -ge 4) { $pyParts[2] } else { 'unknown' }
    moto = if ($pyParts.Count -ge 4) { $pyParts[3] } else { 'unknown' }
    aws_cli = Get-CommandVersion $awsCli @('--version')
    awssdk_core = '4.1.0'
    awssdk_dynamodbv2 = '4.1.0'
}
Note "$($machine.cpu_model), $($machine.logical_cores) cores, $($machine.memory_gib) GiB, $($machine.os); load average $($machine.load_average_start)"

$results = [ordered]@{
    meta = [ordered]@{ quick = [bool]$Quick; pwsh_host = $PwshHost; started_utc = $runStarted.ToString('o'); counts = $n; machine = $machine; versions = $versions }
    servers = [ordered]@{}
    metrics = [ordered]@{}
    not_obtainable = $notObtainable
    failures = $null
}
foreach ($x in $notObtainable) { Write-Host "           $($x.peer): $($x.reason)" -ForegroundColor Yellow }

# --- servers -----------------------------------------------------------------------------------------------
$fast = $slow = $moto = $motoServer = $null
try {
    Step 'Starting servers on 127.0.0.1: (a) responder, (b) responder --delay-ms 5, (c) moto'
    $fast = Start-Responder 0
    $slow = Start-Responder 5
    $motoServer = Start-Moto
    $motoPool = New-MotoUser $motoServer -UserName 'alice' -Password 'Correct-Horse-9!'
    $moto = [pscustomobject]@{ Url = $motoServer.Url; Pool = $motoPool.UserPoolId; ClientId = $motoPool.ClientId; User = 'alice'; Password = 'Correct-Horse-9!'; Server = $motoServer }
    $results.servers = [ordered]@{
        a = [ordered]@{ what = 'canned responder, answers at once'; url = $fast.Url; delay_ms = 0 }
        b = [ordered]@{ what = 'canned responder, answers after 5 ms'; url = $slow.Url; delay_ms = 5 }
        c = [ordered]@{ what = "moto $($versions.moto) server (cognito-idp)"; url = $moto.Url }
    }
    Note "(a) $($fast.Url)  (b) $($slow.Url)  (c) $($moto.Url)"

    # --- 1. Import-Module -----------------------------------------------------------------------------------
    Step "1. Import-Module: $($n.Fresh) fresh pwsh processes each for pwsh start, in-process import, and pwsh + import"
    $null = Invoke-Timed $pwsh @('-NoProfile', '-NonInteractive', '-Command', 'exit')   # warms the file cache
    $start = [Collections.Generic.List[double]]::new(); $inProc = [Collections.Generic.List[double]]::new()
    $trivial = [Collections.Generic.List[double]]::new(); $external = [Collections.Generic.List[double]]::new()
    $lookup = [Collections.Generic.List[double]]::new()
    Try-Measure 'Import-Module' {
        for ($i = 0; $i -lt $n.Fresh; $i++) {
            $r = Invoke-Timed $pwsh @('-NoProfile', '-NonInteractive', '-Command', 'exit')
            if ($r.ExitCode -ne 0) { throw "pwsh -Command exit returned $($r.ExitCode)" }
            $start.Add($r.WallMs)
            $d = Invoke-Peer ours import $null
            $inProc.Add($d.import_ns / 1e6); $trivial.Add($d.trivial_import_ns / 1e6); $lookup.Add($d.aws_types_lookup_ns / 1e6)
            $r = Invoke-Timed $pwsh @('-NoProfile', '-NonInteractive', '-Command', "Import-Module '$modulePath'; exit")
            if ($r.ExitCode -ne 0) { throw "pwsh -Command Import-Module returned $($r.ExitCode): $($r.Stderr)" }
            $external.Add($r.WallMs)
        }
    }
    $sStart = Get-Stats $start; $sExternal = Get-Stats $external
    $results.metrics.import = [ordered]@{
        pwsh_start_ms = $sStart
        import_in_process_ms = Get-Stats $inProc
        trivial_module_first_import_ms = Get-Stats $trivial
        aws_types_lookup_ms = Get-Stats $lookup
        pwsh_start_plus_import_ms = $sExternal
        import_seen_from_outside_ms = if ($sStart -and $sExternal) { [Math]::Round($sExternal.median - $sStart.median, 3) }
        raw = [ordered]@{ pwsh_start_ms = $start; import_in_process_ms = $inProc; trivial_module_first_import_ms = $trivial; aws_types_lookup_ms = $lookup; pwsh_start_plus_import_ms = $external }
    }
    if ($inProc.Count) { Note ("Import-Module median {0:N1} ms in-process; pwsh start {1:N0} ms" -f $results.metrics.import.import_in_process_ms.median, $sStart.median) }
    # What the module's C# weighs, hand-written and generated (*.g.cs), for the report's size row.
    $csharp = @(Get-ChildItem (Join-Path $root 'module/src') -Recurse -Filter *.cs)
    $lines = { param($files) [int](($files | ForEach-Object { @(Get-Content $_.FullName).Count } | Measure-Object -Sum).Sum) }
    $results.metrics.module_csharp_lines = [ordered]@{
        hand_written = & $lines @($csharp | Where-Object Name -notlike '*.g.cs')
        generated = & $lines @($csharp | Where-Object Name -like '*.g.cs')
    }

    # --- 2. First call in a fresh session ---------------------------------------------------------------------
    Step "2. First call in a fresh session, server (a): $($n.Fresh) fresh processes per peer, AWS CLI $($n.CliCalls) calls"
    $first = [ordered]@{}
    $firstPeers = 'ours', 'rust', 'boto3', 'dotnet', 'dotnet_pwsh', 'pwsh_floor'
    foreach ($p in $firstPeers) { $first[$p] = [Collections.Generic.List[object]]::new() }
    for ($i = 0; $i -lt $n.Fresh; $i++) {
        foreach ($p in $firstPeers) {
            Try-Measure "first call ($p)" { $first[$p].Add((Invoke-Peer $p first-call $fast)) }
        }
    }
    $cliA = [Collections.Generic.List[double]]::new(); $cliC = [Collections.Generic.List[double]]::new()
    Try-Measure 'AWS CLI against (a)' { for ($i = 0; $i -lt $n.CliCalls; $i++) { $cliA.Add((Invoke-AwsCli $fast)) } }
    function Get-Field($list, [string] $field, [double] $scale = 1e-6) { [double[]]@($list | Where-Object { $_.Contains($field) } | ForEach-Object { $_[$field] * $scale }) }
    function Get-Sum($list, [string[]] $fields) { [double[]]@($list | ForEach-Object { $t = 0.0; foreach ($f in $fields) { $t += $_[$f] }; $t / 1e6 }) }
    # Each figure of a peer: the sum of the named fields of its result (ns), as stats in ms; '+' adds fields.
    $firstFigures = [ordered]@{
        ours = [ordered]@{ first_call_ms = 'first_call_ns'; second_call_ms = 'second_call_ns'; import_ms = 'import_ns'; load_and_first_call_ms = 'import_ns+first_call_ns'; process_age_at_first_answer_ms = 'process_age_at_first_answer_ns' }
        rust = [ordered]@{ first_call_ms = 'client_ns+first_call_ns'; client_ms = 'client_ns'; second_call_ms = 'second_call_ns'; main_to_first_answer_ms = 'main_to_first_answer_ns' }
        boto3 = [ordered]@{ first_call_ms = 'client_ns+first_call_ns'; client_ms = 'client_ns'; import_boto3_ms = 'import_ns'; second_call_ms = 'second_call_ns'; main_to_first_answer_ms = 'main_to_first_answer_ns' }
        dotnet = [ordered]@{ first_call_ms = 'client_ns+first_call_ns'; client_ms = 'client_ns'; second_call_ms = 'second_call_ns'; process_age_at_first_answer_ms = 'process_age_at_first_answer_ns' }
        # From pwsh, as a script sees it: "import" is loading the SDK's assemblies and building a client.
        dotnet_pwsh = [ordered]@{ first_call_ms = 'first_call_ns'; second_call_ms = 'second_call_ns'; import_ms = 'import_ns'; load_and_first_call_ms = 'import_ns+first_call_ns'; process_age_at_first_answer_ms = 'process_age_at_first_answer_ns' }
        # PowerShell's own first call of a compiled cmdlet with eight splatted parameters in the same worker.
        pwsh_floor = [ordered]@{ first_call_ms = 'first_call_ns'; second_call_ms = 'second_call_ns' }
    }
    $results.metrics.first_call = [ordered]@{}
    foreach ($p in $firstFigures.Keys) {
        $figures = [ordered]@{}
        foreach ($f in $firstFigures[$p].GetEnumerator()) { $figures[$f.Key] = Get-Stats (Get-Sum $first[$p] ($f.Value -split '\+')) }
        $figures.process_wall_ms = Get-Stats (Get-Field $first[$p] wall_ms 1)
        $results.metrics.first_call[$p] = $figures
    }
    $results.metrics.first_call.awscli = [ordered]@{ process_wall_ms = Get-Stats $cliA }
    $results.metrics.first_call.raw = $first
    $fc = $results.metrics.first_call
    if ($fc.ours.first_call_ms) { Note ("ours first call median {0:N1} ms (Rust SDK {1:N1}, boto3 {2:N1}); AWS CLI per process {3:N0} ms" -f $fc.ours.first_call_ms.median, $fc.rust.first_call_ms.median, $fc.boto3.first_call_ms.median, $fc.awscli.process_wall_ms.median) }

    # --- 3. Warm per-call latency -----------------------------------------------------------------------------
    Step "3. Warm latency: $($n.LatencyRounds) rounds x ($($n.LatencyPerRound) calls on (a), $($n.MotoPerRound) on (c)) per peer, peers interleaved"
    $lat = [ordered]@{ a = [ordered]@{}; c = [ordered]@{} }
    $allocated = [ordered]@{}
    $order = @('ours', 'rust', 'rust_abi', 'boto3', 'dotnet', 'dotnet_pwsh', 'pwsh_floor')
    foreach ($s in 'a', 'c') { foreach ($p in $order) { $lat[$s][$p] = [Collections.Generic.List[double]]::new() } }
    foreach ($p in 'ours', 'dotnet', 'dotnet_pwsh', 'pwsh_floor') { $allocated[$p] = [Collections.Generic.List[double]]::new() }
    for ($round = 0; $round -lt $n.LatencyRounds; $round++) {
        $k = $round % $order.Count
        $rotated = @($order[$k..($order.Count - 1)]) + @(if ($k) { $order[0..($k - 1)] })
        foreach ($p in $rotated) {
            # The .NET pipeline's proxy call (GetItem) is served by the canned responder only; PowerShell's floor calls no server.
            foreach ($s in $(if ($p -like 'dotnet*' -or $p -eq 'pwsh_floor') { , 'a' } else { 'a', 'c' })) {
                $server = if ($s -eq 'a') { $fast } else { $moto }
                $calls = if ($s -eq 'a') { $n.LatencyPerRound } else { $n.MotoPerRound }
                Try-Measure "warm latency ($p, server $s)" {
                    $d = Invoke-Peer $p latency $server -Calls $calls -Warmup $(if ($s -eq 'a') { $n.Warmup } else { [Math]::Min(5, $n.Warmup) })
                    foreach ($v in $d.samples_ns) { $lat[$s][$p].Add($v / 1e6) }
                    if ($s -eq 'a' -and $d.Contains('allocated_bytes_per_call')) { $allocated[$p].Add($d.allocated_bytes_per_call) }
                }
            }
        }
    }
    # The pwsh peers are still JIT-tiering their code (and PowerShell's) after the short warm-up above; one
    # process each, warmed up much longer, shows them in the steady state the Rust SDK starts in.
    $steady = [ordered]@{}
    foreach ($p in 'ours', 'dotnet_pwsh', 'pwsh_floor') {
        Try-Measure "steady-state latency ($p)" {
            $d = Invoke-Peer $p latency $fast -Calls ($n.LatencyPerRound * $n.LatencyRounds) -Warmup $n.SteadyWarmup
            $steady[$p] = Get-Stats @($d.samples_ns | ForEach-Object { $_ / 1e6 })
        }
    }
    Try-Measure 'AWS CLI against (c)' { for ($i = 0; $i -lt $n.CliCalls; $i++) { $cliC.Add((Invoke-AwsCli $moto)) } }
    $warm = [ordered]@{}
    foreach ($s in 'a', 'c') {
        $warm[$s] = [ordered]@{}
        foreach ($p in $order) { if ($lat[$s][$p].Count) { $warm[$s][$p] = Get-Stats $lat[$s][$p] } }
        $warm[$s]['awscli_process_per_call'] = Get-Stats $(if ($s -eq 'a') { $cliA } else { $cliC })
    }
    $overhead = if ($warm.a.ours -and $warm.a.rust) {
        [ordered]@{ p50_ms = [Math]::Round($warm.a.ours.median - $warm.a.rust.median, 4); p99_ms = [Math]::Round($warm.a.ours.p99 - $warm.a.rust.p99, 4) }
    }
    $results.metrics.warm_latency = [ordered]@{
        stats_ms = $warm
        allocated_bytes_per_call_server_a = [ordered]@{ ours = Get-Stats $allocated.ours; dotnet = Get-Stats $allocated.dotnet; dotnet_pwsh = Get-Stats $allocated.dotnet_pwsh; pwsh_floor = Get-Stats $allocated.pwsh_floor }
        overhead_over_rust_floor_server_a = $overhead
        steady_state_server_a = [ordered]@{ warmup_calls = $n.SteadyWarmup; calls = $n.LatencyPerRound * $n.LatencyRounds; stats_ms = $steady }
        raw_samples_us = [ordered]@{
            a = [ordered]@{ ours = @($lat.a.ours | ForEach-Object { [Math]::Round($_ * 1000, 1) }); rust = @($lat.a.rust | ForEach-Object { [Math]::Round($_ * 1000, 1) }); rust_abi = @($lat.a.rust_abi | ForEach-Object { [Math]::Round($_ * 1000, 1) }); boto3 = @($lat.a.boto3 | ForEach-Object { [Math]::Round($_ * 1000, 1) }); dotnet = @($lat.a.dotnet | ForEach-Object { [Math]::Round($_ * 1000, 1) }); dotnet_pwsh = @($lat.a.dotnet_pwsh | ForEach-Object { [Math]::Round($_ * 1000, 1) }); pwsh_floor = @($lat.a.pwsh_floor | ForEach-Object { [Math]::Round($_ * 1000, 1) }); awscli = @($cliA | ForEach-Object { [Math]::Round($_ * 1000, 0) }) }
            c = [ordered]@{ ours = @($lat.c.ours | ForEach-Object { [Math]::Round($_ * 1000, 1) }); rust = @($lat.c.rust | ForEach-Object { [Math]::Round($_ * 1000, 1) }); rust_abi = @($lat.c.rust_abi | ForEach-Object { [Math]::Round($_ * 1000, 1) }); boto3 = @($lat.c.boto3 | ForEach-Object { [Math]::Round($_ * 1000, 1) }); awscli = @($cliC | ForEach-Object { [Math]::Round($_ * 1000, 0) }) }
        }
    }
    if ($overhead) { Note ("(a) p50: ours {0:N3} ms, Rust SDK {1:N3} ms, boto3 {2:N3} ms -> overhead over the floor {3:N3} ms" -f $warm.a.ours.median, $warm.a.rust.median, $warm.a.boto3.median, $overhead.p50_ms) }

    # --- 4. Throughput against (b) ----------------------------------------------------------------------------
    Step "4. Throughput against (b) (5 ms): $($n.SeqCalls) calls sequential, $($n.ParCalls) calls with $($n.Concurrency) concurrent"
    $tp = [ordered]@{}
    foreach ($p in 'ours', 'rust', 'rust_abi', 'boto3', 'dotnet', 'dotnet_pwsh') {
        $tp[$p] = [ordered]@{}
        Try-Measure "sequential throughput ($p)" {
            $d = Invoke-Peer $p throughput $slow -Calls $n.SeqCalls -Warmup 5 -Concurrency 1
            $tp[$p].sequential_calls_per_s = [Math]::Round($d.calls / ($d.elapsed_ns / 1e9), 1)
            $tp[$p].sequential_ms_per_call = [Math]::Round(($d.elapsed_ns / 1e6) / $d.calls, 4)
            $tp[$p].sequential_raw = $d
        }
        Try-Measure "parallel throughput ($p)" {
            $d = Invoke-Peer $p throughput $slow -Calls $n.ParCalls -Warmup 5 -Concurrency $n.Concurrency
            $tp[$p].parallel_calls_per_s = [Math]::Round($d.calls / ($d.elapsed_ns / 1e9), 1)
            $tp[$p].parallel_raw = $d
        }
        if ($tp[$p].Contains('sequential_calls_per_s') -and $tp[$p].Contains('parallel_calls_per_s')) {
            $tp[$p].speedup = [Math]::Round($tp[$p].parallel_calls_per_s / $tp[$p].sequential_calls_per_s, 2)
        }
    }
    $results.metrics.throughput_server_b = [ordered]@{
        concurrency = $n.Concurrency
        how = [ordered]@{
            ours = "$($n.Concurrency) runspaces (ForEach-Object -Parallel -ThrottleLimit $($n.Concurrency)), started together by a barrier after import and warm-up"
            rust = "$($n.Concurrency) tokio tasks sharing one client"; boto3 = "$($n.Concurrency) threads sharing one client"
            rust_abi = "$($n.Concurrency) plain threads calling the C ABI, as runspaces do, with the envelope the cmdlet writes"
            dotnet = "$($n.Concurrency) tasks sharing one client"; dotnet_pwsh = "$($n.Concurrency) runspaces as ours, a client each"
        }
        peers = $tp
    }
    if ($tp.ours.Contains('speedup')) { Note ("ours: {0:N0} calls/s sequential, {1:N0} calls/s with {2} runspaces ({3:N2}x)" -f $tp.ours.sequential_calls_per_s, $tp.ours.parallel_calls_per_s, $n.Concurrency, $tp.ours.speedup) }

    # --- 5. Memory ---------------------------------------------------------------------------------------------
    Step "5. Memory: working set after $memoryCheckpoints calls against (a) (ours; Rust SDK and boto3 for context)"
    $mem = [ordered]@{}
    Try-Measure 'memory (ours)' {
        $d = Invoke-Peer ours memory $fast -Checkpoints $memoryCheckpoints
        $points = @($d.checkpoints | ForEach-Object { [ordered]@{ calls = $_.calls; working_set_mb = [Math]::Round($_.working_set_bytes / 1MB, 2); private_mb = [Math]::Round($_.private_bytes / 1MB, 2); gc_heap_mb = [Math]::Round($_.gc_heap_bytes / 1MB, 2); rss_anon_mb = if ($null -ne $_.rss_anon_bytes) { [Math]::Round($_.rss_anon_bytes / 1MB, 2) }; rss_shmem_mb = if ($null -ne $_.rss_shmem_bytes) { [Math]::Round($_.rss_shmem_bytes / 1MB, 2) }; rss_file_mb = if ($null -ne $_.rss_file_bytes) { [Math]::Round($_.rss_file_bytes / 1MB, 2) } } })
        $mem.ours = [ordered]@{ checkpoints = $points; growth_mb = [Math]::Round($points[-1].working_set_mb - $points[0].working_set_mb, 2) }
        $at1000 = $points | Where-Object { $_.calls -eq 1000 }
        if ($at1000 -and $points[-1].calls -gt 1000) { $mem.ours.growth_after_1000_calls_mb = [Math]::Round($points[-1].working_set_mb - $at1000.working_set_mb, 2) }
        if ($null -ne $points[0].rss_anon_mb) { $mem.ours.anon_growth_mb = [Math]::Round($points[-1].rss_anon_mb - $points[0].rss_anon_mb, 2) }
    }
    foreach ($p in 'rust', 'boto3', 'dotnet', 'dotnet_pwsh', 'pwsh_floor') {
        Try-Measure "memory ($p)" {
            $d = Invoke-Peer $p memory $fast -Checkpoints $memoryCheckpoints
            $points = @($d.checkpoints | ForEach-Object { [ordered]@{ calls = $_.calls; working_set_mb = [Math]::Round($(if ($_.Contains('rss_kib')) { $_.rss_kib * 1KB } else { $_.working_set_bytes }) / 1MB, 2) } })
            $mem[$p] = [ordered]@{ checkpoints = $points; growth_mb = [Math]::Round($points[-1].working_set_mb - $points[0].working_set_mb, 2) }
        }
    }
    $results.metrics.memory_server_a = $mem
    if ($mem.Contains('ours')) { Note ("ours: working set {0:N1} MB after {1} calls, {2:N1} MB after {3} (growth {4:N2} MB)" -f $mem.ours.checkpoints[0].working_set_mb, $mem.ours.checkpoints[0].calls, $mem.ours.checkpoints[-1].working_set_mb, $mem.ours.checkpoints[-1].calls, $mem.ours.growth_mb) }
} finally {
    Step 'Stopping servers'
    foreach ($stop in @({ Stop-Responder $fast }, { Stop-Responder $slow }, { Stop-Moto $motoServer })) {
        try { & $stop } catch { Write-Warning "stopping a server: $($_.Exception.Message)" }
    }
    Remove-Item $scratch -Recurse -Force -ErrorAction Ignore
}

$results.meta.machine.load_average_end = Get-LoadAverage
$results.meta.duration_s = [Math]::Round($runClock.Elapsed.TotalSeconds, 1)
$results.failures = @($script:failures)

# --- report ------------------------------------------------------------------------------------------------
. (Join-Path $PSScriptRoot 'report.ps1')
New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
$jsonPath = Join-Path $OutDir 'results.json'
$mdPath = Join-Path $OutDir 'results.md'
$chartPath = Join-Path $OutDir 'chart.png'
$chartNote = New-BenchChart -Results $results -Path $chartPath -ScratchDir $OutDir
$results.meta.chart = $chartNote
$results | ConvertTo-Json -Depth 12 | Set-Content -Path $jsonPath -Encoding utf8
$markdown = Format-BenchMarkdown -Results $results -ChartNote $chartNote
Set-Content -Path $mdPath -Value $markdown -Encoding utf8

Step "Done in $([int]$runClock.Elapsed.TotalSeconds) s"
Write-Host ''
Write-Host $markdown
Write-Host ''
Write-Host "Wrote $mdPath, $jsonPath$(if ($chartNote -eq 'ok') { ", $chartPath" } else { " (chart: $chartNote)" })"
foreach ($x in $notObtainable) { Write-Host "$($x.peer): $($x.reason)" -ForegroundColor Yellow }
if ($script:failures.Count) { Write-Warning "$($script:failures.Count) measurement(s) failed; see 'failures' in results.json" }
