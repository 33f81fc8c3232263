using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// The first SRP building block, for callers driving USER_SRP_AUTH themselves: a fresh SRP_A, whose private
    /// value stays in the module under Handle until Get-CGIPSrpPasswordClaim signs the challenge with it.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CGIPSrpA")]
    [OutputType(typeof(PSObject))]
    public class NewCGIPSrpACmdlet : NativeHelperCmdlet
    {
        protected override void ProcessRecord()
        {
            var result = CallNative(NativeNames.Operation.SrpStart, null, SrpStartAnswer.Read);
            var o = new PSObject();
            o.Properties.Add(new PSNoteProperty("SrpA", result.SrpA));
            o.Properties.Add(new PSNoteProperty("Handle", result.Handle));
            WriteObject(o);
        }
    }
}
