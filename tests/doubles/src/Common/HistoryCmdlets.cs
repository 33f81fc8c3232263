// TEST DOUBLE of AWS.Tools V4's history cmdlets (AWS.Tools.Common 4.x): Clear-AWSHistory and
// Set-AWSHistoryConfiguration with the parameters of the V4 reference (MaxCmdletHistory, MaxServiceCallHistory,
// RecordServiceRequests, IncludeSensitiveData), all bindable by property name.
using System;
using System.Management.Automation;

namespace Amazon.PowerShell.Common
{
    [Cmdlet("Clear", "AWSHistory")]
    [OutputType("None")]
    public class ClearAWSHistoryCmdlet : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            AWSCmdletHistoryBuffer.Instance.Clear();
        }
    }

    [Cmdlet("Set", "AWSHistoryConfiguration")]
    [OutputType("None")]
    public class SetAWSHistoryConfigurationCmdlet : PSCmdlet
    {
        /// <summary>How many cmdlet invocations the buffer holds; 0 turns recording off and clears it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public int? MaxCmdletHistory { get; set; }

        /// <summary>How many responses (and requests, if recorded) one cmdlet entry holds.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public int? MaxServiceCallHistory { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter RecordServiceRequests { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter IncludeSensitiveData { get; set; }

        protected override void ProcessRecord()
        {
            var buffer = AWSCmdletHistoryBuffer.Instance;
            if (MaxCmdletHistory != null)
            {
                if (MaxCmdletHistory.Value < 0) ThrowArgument("Negative values are not valid.", MaxCmdletHistory);
                buffer.MaxHistoryLength = MaxCmdletHistory.Value;
            }
            if (MaxServiceCallHistory != null)
            {
                if (MaxServiceCallHistory.Value <= 0) ThrowArgument("Value must be greater than 0.", MaxServiceCallHistory);
                buffer.ServiceCallHistoryLength = MaxServiceCallHistory.Value;
            }
            // As in AWS.Tools, the switches are set on every call: leaving one out turns it off.
            buffer.RecordServiceRequests = RecordServiceRequests.IsPresent;
            buffer.IncludeSensitiveData = IncludeSensitiveData.IsPresent;
        }

        void ThrowArgument(string message, object target)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "ArgumentException", ErrorCategory.InvalidArgument, target));
        }
    }
}
