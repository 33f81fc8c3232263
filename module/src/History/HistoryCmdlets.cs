using System.Management.Automation;

namespace CognitoAdminAuth.History
{
    /// <summary>
    /// The history commands of AWS.Tools V4, for sessions where the module keeps $AWSHistory. Where AWS.Tools
    /// V4 keeps it, the call goes to AWS.Tools.Common's own command with the same arguments, so the command means
    /// what it means without this module.
    /// </summary>
    public abstract class HistoryCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var module = AwsToolsHistory.ModuleOf(SessionState.PSVariable.GetValue("global:AWSHistory"));
            if (module == null) { Apply(); return; }
            var name = MyInvocation.MyCommand.Name;
            foreach (var o in InvokeCommand.InvokeScript($"param($arguments) {module}\\{name} @arguments", MyInvocation.BoundParameters))
                WriteObject(o);
        }

        /// <summary>What the command does to the module's own history.</summary>
        protected abstract void Apply();
    }

    /// <summary>Configures $AWSHistory as AWS.Tools V4 does (AWS.Tools.Common's Set-AWSHistoryConfiguration).</summary>
    [Cmdlet(VerbsCommon.Set, "AWSHistoryConfiguration")]
    public class SetAWSHistoryConfigurationCmdlet : HistoryCommand
    {
        [Parameter] public int? MaxCmdletHistory { get; set; }
        [Parameter] public int? MaxServiceCallHistory { get; set; }
        [Parameter] public SwitchParameter RecordServiceRequests { get; set; }
        [Parameter] public SwitchParameter IncludeSensitiveData { get; set; }

        protected override void Apply() => AWSCmdletHistoryBuffer.Instance.Configure(
            MaxCmdletHistory, MaxServiceCallHistory,
            MyInvocation.BoundParameters.ContainsKey(nameof(RecordServiceRequests)) ? RecordServiceRequests.IsPresent : (bool?)null,
            MyInvocation.BoundParameters.ContainsKey(nameof(IncludeSensitiveData)) ? IncludeSensitiveData.IsPresent : (bool?)null);
    }

    /// <summary>Empties $AWSHistory.</summary>
    [Cmdlet(VerbsCommon.Clear, "AWSHistory")]
    public class ClearAWSHistoryCmdlet : HistoryCommand
    {
        protected override void Apply() => AWSCmdletHistoryBuffer.Instance.Clear();
    }
}
