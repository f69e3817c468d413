<#-- Test template: prints one number. -->
${n}
