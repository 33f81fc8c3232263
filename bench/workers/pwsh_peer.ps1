<#
.SYNOPSIS
    Benchmark worker for the peers that run inside pwsh: runs one measurement in this (fresh) pwsh process and
    prints one JSON line on stdout. Started by bench/run.ps1; not meant to be run by hand.
.PARAMETER Peer
    ours        Start-CGIPAuthAdmin from the module at -ModulePath.
    dotnet-sdk  The AWS SDK for .NET pipeline as AWS.Tools runs it inside pwsh: DynamoDB GetItem through the
                client that bench/dotnet-peer builds (the assemblies in -SdkDir), against the canned responder.
    pwsh-floor  PowerShell's own floor for the same loop: New-Variable, a compiled cmdlet that does no I/O, with eight
                splatted parameters as ours has. What ours costs beyond it is ours.
    All make their call through one function, Invoke-Call, so that the loop costs the same for each.
.PARAMETER Mode
    import      Import-Module of a trivial module (warms pwsh's module machinery), then of ours; both timed.
    first-call  Loading (Import-Module, or the SDK's assemblies and a client), then the first and second call, each timed.
    latency     Loading, -Warmup calls, then -Calls calls each timed on its own, and the bytes allocated per call.
    throughput  -Concurrency 1: -Calls calls in this runspace. -Concurrency N: N runspaces
                (ForEach-Object -Parallel -ThrottleLimit N), each loading the peer and warming up, then
                released together by a barrier to make -Calls calls between them.
    memory      Calls up to each of -Checkpoints (comma-separated counts); at each, a full GC and the process working set.
    Times are nanoseconds; memory is bytes.
#>
param(
    [ValidateSet('ours', 'dotnet-sdk', 'pwsh-floor')] [string] $Peer = 'ours',
    [Parameter(Mandatory)] [ValidateSet('import', 'first-call', 'latency', 'throughput', 'memory')] [string] $Mode,
    [string] $ModulePath,
    [string] $SdkDir,
    [string] $TrivialModulePath,
    [string] $Endpoint,
    [string] $Pool,
    [string] $ClientId,
    [string] $User,
    [string] $Password,
    [int] $Calls = 1000,
    [int] $Warmup = 50,
    [int] $Concurrency = 1,
    [string] $Checkpoints = '10,10000'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$tickNs = 1e9 / [Diagnostics.Stopwatch]::Frequency
function Write-Result($object) { [Console]::Out.WriteLine(($object | ConvertTo-Json -Depth 6 -Compress)) }
function Get-ProcessAgeNs { ([DateTime]::Now - [Diagnostics.Process]::GetCurrentProcess().StartTime).Ticks * 100 }

# Loads the peer and defines Invoke-Call, the call under test; run again inside each parallel runspace.
# ours: as a script would write it, splatted parameters with explicit endpoint, region and keys.
$peerSetup = {
    param($Peer, $ModulePath, $SdkDir, $Endpoint, $Pool, $ClientId, $User, $Password)
    if ($Peer -eq 'ours') {
        Import-Module $ModulePath
        $script:call = @{
            ClientId = $ClientId; UserPoolId = $Pool; AuthFlow = 'ADMIN_USER_PASSWORD_AUTH'
            AuthParameter = @{ USERNAME = $User; PASSWORD = $Password }
            EndpointUrl = $Endpoint; Region = 'us-east-1'; AccessKey = 'AKIDTEST'; SecretKey = 'test-secret'
        }
        function script:Invoke-Call { Start-CGIPAuthAdmin @script:call }
        function script:Test-Answer($r) { $r -and $r.AuthenticationResult -and $r.AuthenticationResult.AccessToken }
    } elseif ($Peer -eq 'pwsh-floor') {
        # New-Variable's module, loaded here as ours is: otherwise its first call would include the module's auto-load.
        Import-Module Microsoft.PowerShell.Utility
        $script:call = @{ Name = 'cgipBenchFloor'; Value = $User; Option = 'None'; Scope = 'Script'; Force = $true; Description = $Pool; Visibility = 'Public'; PassThru = $true }
        function script:Invoke-Call { New-Variable @script:call }
        function script:Test-Answer($r) { $r -and $r.Value -eq $User }
    } else {
        Add-Type -Path (Join-Path $SdkDir 'AWSSDK.Core.dll'), (Join-Path $SdkDir 'AWSSDK.DynamoDBv2.dll'), (Join-Path $SdkDir 'cgip-bench-dotnet-peer.dll')
        $script:client = [CgipBench.Peer]::CreateClient($Endpoint)
        $script:request = [CgipBench.Peer]::CreateRequest($User)
        function script:Invoke-Call { $script:client.GetItemAsync($script:request).GetAwaiter().GetResult() }
        function script:Test-Answer($r) { $r -and $r.Item -and $r.Item['AccessToken'].S }
    }
}
$setupArgs = @($Peer, $ModulePath, $SdkDir, $Endpoint, $Pool, $ClientId, $User, $Password)
function Assert-Answer($response) { if (-not (Test-Answer $response)) { throw "$Peer returned no access token" } }

$sw = [Diagnostics.Stopwatch]::new()
switch ($Mode) {
    'import' {
        $sw.Restart(); Import-Module $TrivialModulePath; $trivial = $sw.ElapsedTicks
        $sw.Restart(); Import-Module $ModulePath; $ours = $sw.ElapsedTicks
        # Part of the import: choosing the session's AWS types (loaded SDK, PSModulePath look-up, assembly loads).
        # (Absent from builds before it, which an A/B run may import.)
        $choice = (Get-Module CognitoAdminAuth).ImplementingAssembly.GetType('CognitoAdminAuth.Aws.SessionAssemblies', $false)
        $lookup = if ($choice) { [long]($choice::Current.LookupTime.Ticks * 100) }
        Write-Result @{ trivial_import_ns = [long]($trivial * $tickNs); import_ns = [long]($ours * $tickNs); aws_types_lookup_ns = $lookup; process_age_ns = Get-ProcessAgeNs }
    }
    'first-call' {
        $sw.Restart(); . $peerSetup @setupArgs; $import = $sw.ElapsedTicks
        $sw.Restart(); $r = Invoke-Call; $first = $sw.ElapsedTicks
        $age = Get-ProcessAgeNs
        Assert-Answer $r
        $sw.Restart(); $r = Invoke-Call; $second = $sw.ElapsedTicks
        Assert-Answer $r
        Write-Result @{
            import_ns = [long]($import * $tickNs); first_call_ns = [long]($first * $tickNs)
            second_call_ns = [long]($second * $tickNs); process_age_at_first_answer_ns = $age
        }
    }
    'latency' {
        . $peerSetup @setupArgs
        for ($i = 0; $i -lt $Warmup; $i++) { $r = Invoke-Call }
        Assert-Answer $r
        $self = [Diagnostics.Process]::GetCurrentProcess()
        $rssWarm = $self.WorkingSet64
        $samples = [long[]]::new($Calls)
        # Process-wide and precise: async pipelines allocate on pool threads too. The loop's own allocations
        # (the same for every peer in this worker) are included.
        $allocated = [GC]::GetTotalAllocatedBytes($true)
        for ($i = 0; $i -lt $Calls; $i++) {
            $sw.Restart()
            $null = Invoke-Call
            $samples[$i] = $sw.ElapsedTicks
        }
        $allocated = [GC]::GetTotalAllocatedBytes($true) - $allocated
        $self.Refresh()
        Write-Result @{
            samples_ns = @($samples | ForEach-Object { [long]($_ * $tickNs) }); rss_bytes_after_warmup = $rssWarm; rss_bytes_end = $self.WorkingSet64
            allocated_bytes_per_call = [long]($allocated / [Math]::Max(1, $Calls))
        }
    }
    'throughput' {
        if ($Concurrency -le 1) {
            . $peerSetup @setupArgs
            for ($i = 0; $i -lt [Math]::Max(1, $Warmup); $i++) { $r = Invoke-Call }
            Assert-Answer $r
            $sw.Restart()
            for ($i = 0; $i -lt $Calls; $i++) { $null = Invoke-Call }
            Write-Result @{ calls = $Calls; concurrency = 1; elapsed_ns = [long]($sw.ElapsedTicks * $tickNs) }
            break
        }
        $perRunspace = [int][Math]::Ceiling($Calls / $Concurrency)
        $barrier = [System.Threading.Barrier]::new($Concurrency)
        # A script block cannot cross into -Parallel runspaces; its text can.
        $setupText = $peerSetup.ToString()
        $runs = 1..$Concurrency | ForEach-Object -ThrottleLimit $Concurrency -Parallel {
            $ErrorActionPreference = 'Stop'
            $setupArgs = $using:setupArgs
            . ([scriptblock]::Create($using:setupText)) @setupArgs
            $n = $using:perRunspace
            for ($i = 0; $i -lt [Math]::Max(1, $using:Warmup); $i++) { $null = Invoke-Call }
            # Everyone starts together, after every runspace has loaded the peer and warmed up.
            if (-not ($using:barrier).SignalAndWait([TimeSpan]::FromSeconds(120))) { throw 'the other runspaces did not reach the start' }
            $start = [Diagnostics.Stopwatch]::GetTimestamp()
            for ($i = 0; $i -lt $n; $i++) { $null = Invoke-Call }
            [pscustomobject]@{ Start = $start; End = [Diagnostics.Stopwatch]::GetTimestamp(); Calls = $n; Thread = [Environment]::CurrentManagedThreadId }
        }
        $first = ($runs | Measure-Object Start -Minimum).Minimum
        $last = ($runs | Measure-Object End -Maximum).Maximum
        Write-Result @{
            calls = ($runs | Measure-Object Calls -Sum).Sum; concurrency = $Concurrency
            elapsed_ns = [long](($last - $first) * $tickNs); threads = @($runs.Thread | Sort-Object -Unique).Count
        }
    }
    'memory' {
        . $peerSetup @setupArgs
        $self = [Diagnostics.Process]::GetCurrentProcess()
        $done = 0
        $points = foreach ($target in ($Checkpoints -split ',' | ForEach-Object { [int]$_ } | Sort-Object -Unique)) {
            while ($done -lt $target) { $r = Invoke-Call; $done++ }
            Assert-Answer $r
            $r = $null
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $self.Refresh()
            # Linux splits resident memory into anonymous (native and managed heaps, stacks), shared (.NET maps
            # its JIT-compiled code twice through shared memory) and file-backed (mapped assemblies and
            # libraries) pages: a leak shows in the first.
            $status = if (Test-Path /proc/self/status) { Get-Content /proc/self/status } else { @() }
            $kib = { param($name) $l = $status | Where-Object { $_ -like "${name}:*" }; if ($l) { [long](($l -split '\s+')[1]) * 1024 } else { $null } }
            @{
                calls = $done; working_set_bytes = $self.WorkingSet64; private_bytes = $self.PrivateMemorySize64; gc_heap_bytes = [GC]::GetTotalMemory($false)
                rss_anon_bytes = & $kib 'RssAnon'; rss_shmem_bytes = & $kib 'RssShmem'; rss_file_bytes = & $kib 'RssFile'
            }
        }
        Write-Result @{ checkpoints = @($points) }
    }
}
