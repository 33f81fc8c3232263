param([int] $Calls = 2000)
$call = @{ Name = 'cgipBenchFloor'; Value = 'alice'; Option = 'None'; Scope = 'Script'; Force = $true; Description = 'pool'; Visibility = 'Public'; PassThru = $true }
for ($i = 0; $i -lt 2000; $i++) { $null = New-Variable @call }
$before = [GC]::GetTotalAllocatedBytes($true)
for ($i = 0; $i -lt $Calls; $i++) { $null = New-Variable @call }
'floor: {0:N0} B/call' -f (([GC]::GetTotalAllocatedBytes($true) - $before) / $Calls)
