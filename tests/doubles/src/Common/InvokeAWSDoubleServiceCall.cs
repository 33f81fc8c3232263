// TEST DOUBLE: Invoke-AWSDoubleServiceCall is no AWS.Tools cmdlet. It behaves as an AWS.Tools cmdlet whose
// service call fails, so that tests see the error shape of AWS.Tools and, in the V4 double (AWS_TOOLS_V4), its
// $AWSHistory bookkeeping, without any service:
//  - BeginProcessing (V4): sets $AWSHistory when it is null and starts the cmdlet's history entry, as V4's
//    BaseCmdlet.BeginProcessing does;
//  - ProcessRecord: records the request (when request recording is on) and the error as the call's response,
//    pushes the entry (a terminating error skips EndProcessing, so V4 pushes it before throwing), then throws a
//    terminating ErrorRecord as AWS.Tools' ThrowExecutionError does: InvalidOperationException(message, inner),
//    error id = the inner exception's type name, category InvalidOperation, target = the cmdlet. The inner
//    exception is a real Amazon.Runtime.AmazonServiceException of the AWSSDK.Core this module loaded.
//  - EndProcessing (V4): pushes the entry (reached only with no input record, e.g. `@() | Invoke-AWSDoubleServiceCall`).
using System;
using System.Management.Automation;
using System.Net;
using Amazon.Runtime;

namespace Amazon.PowerShell.Common
{
    /// <summary>The request the double "sends"; recorded in $AWSHistory when request recording is on (V4).</summary>
    public class DoubleServiceCallRequest : AmazonWebServiceRequest
    {
        public string Message { get; set; }
    }

    [Cmdlet("Invoke", "AWSDoubleServiceCall")]
    [OutputType("None")]
    public class InvokeAWSDoubleServiceCallCmdlet : PSCmdlet
    {
        public const string ErrorCode = "DoubleServiceFailure";

        /// <summary>The service error's message.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Message { get; set; } = "The double service call failed (test double, no service was called).";

#if AWS_TOOLS_V4
        AWSCmdletHistory _serviceCalls;

        protected override void BeginProcessing()
        {
            // Only when null: a $AWSHistory the user assigned is left alone, as in AWS.Tools V4.
            if (SessionState.PSVariable.Get("AWSHistory") == null)
                SessionState.PSVariable.Set("AWSHistory", new PSObject(AWSCmdletHistoryBuffer.Instance));
            _serviceCalls = AWSCmdletHistoryBuffer.Instance.StartCmdletHistory(MyInvocation.MyCommand.Name);
        }

        protected override void EndProcessing()
        {
            AWSCmdletHistoryBuffer.Instance.PushCmdletHistory(_serviceCalls);
        }
#endif

        protected override void ProcessRecord()
        {
            var error = new AmazonServiceException(Message, ErrorType.Sender, ErrorCode, Guid.NewGuid().ToString(), HttpStatusCode.BadRequest);
#if AWS_TOOLS_V4
            _serviceCalls.PushServiceRequest(new DoubleServiceCallRequest { Message = Message }, MyInvocation);
            _serviceCalls.PushServiceResponse(error, null);
            AWSCmdletHistoryBuffer.Instance.PushCmdletHistory(_serviceCalls);
#endif
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(error.Message, error),
                error.GetType().ToString(), ErrorCategory.InvalidOperation, this));
        }
    }
}
