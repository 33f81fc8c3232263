using System.Management.Automation;

namespace Amazon.PowerShell.Common
{
    /// <summary>Configures $AWSHistory as AWS.Tools V4 does (AWS.Tools.Common's Set-AWSHistoryConfiguration).</summary>
    [Cmdlet(VerbsCommon.Set, "AWSHistoryConfiguration")]
    public class SetAWSHistoryConfigurationCmdlet : PSCmdlet
    {
        [Parameter] public int? MaxCmdletHistory { get; set; }
        [Parameter] public int? MaxServiceCallHistory { get; set; }
        [Parameter] public SwitchParameter RecordServiceRequests { get; set; }
        [Parameter] public SwitchParameter IncludeSensitiveData { get; set; }

        protected override void ProcessRecord() => AWSCmdletHistoryBuffer.Instance.Configure(
            MaxCmdletHistory, MaxServiceCallHistory,
            MyInvocation.BoundParameters.ContainsKey(nameof(RecordServiceRequests)) ? RecordServiceRequests.IsPresent : (bool?)null,
            MyInvocation.BoundParameters.ContainsKey(nameof(IncludeSensitiveData)) ? IncludeSensitiveData.IsPresent : (bool?)null);
    }

    /// <summary>Empties $AWSHistory.</summary>
    [Cmdlet(VerbsCommon.Clear, "AWSHistory")]
    public class ClearAWSHistoryCmdlet : PSCmdlet
    {
        protected override void ProcessRecord() => AWSCmdletHistoryBuffer.Instance.Clear();
    }
}
