<#import "lib/macros.ftl" as m>
<@m.banner lines=module.banner/>
`resetall
`timescale 1ns / 1ps
`default_nettype none

module ${module.name}<#if module.params?has_content> #(
<#list module.params as p>
    // ${p.comment}
    ${p.declaration}<#sep>,</#sep>
</#list>
)</#if> (
<#list module.ports as port>
    ${port}<#sep>,</#sep>
</#list>
);
<#if module.wires?has_content>

<#list module.wires as w>
  ${w}
</#list>
</#if>
<#list module.instances as i>

  ${i.module}<#if i.params?has_content> #(
<#list i.params as p>
      ${p}<#sep>,</#sep>
</#list>
  )</#if> ${i.name} (
<#list i.connections as c>
      ${c}<#sep>,</#sep>
</#list>
  );
</#list>

endmodule

`resetall
