<#-- Shared presentation macros of the generated Verilog. -->
<#macro banner lines>
<#list lines as line>
${line}
</#list>
</#macro>
