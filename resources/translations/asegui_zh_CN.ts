<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>&amp;Save decisions…</source>
        <translation>保存决定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Opening {name}</source>
        <translation>正在打开 {name}</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Preparing both manifests for {name}…</source>
        <translation>正在为 {name} 准备两个清单…</translation>
    </message>
    <message>
        <source>Checking {name}: rule {done} of {total}</source>
        <translation>正在检查 {name}：第 {done} 条规则，共 {total} 条</translation>
    </message>
    <message>
        <source>clean</source>
        <translation>无需处理</translation>
    </message>
    <message>
        <source>needs a person</source>
        <translation>需要人工处理</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>{name}{mark} — needs a person ({count})</source>
        <translation>{name}{mark} — 需要人工处理（{count}）</translation>
    </message>
    <message>
        <source>{name}{mark} — {status}</source>
        <translation>{name}{mark} — {status}</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Device counts</source>
        <translation>设备计数</translation>
    </message>
    <message>
        <source>Devices of the folder</source>
        <translation>文件夹中的设备</translation>
    </message>
    <message>
        <source>Each device&apos;s manifest and its status: clean, needs a person (with how many findings wait), or unreadable. A * marks unsaved decisions. Choosing a device shows it.</source>
        <translation>每台设备的清单及其状态：无需处理、需要人工处理（附待处理的发现项数）或无法读取。* 表示有未保存的决定。选择一台设备即显示它。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{count} device(s)&lt;/b&gt;: {clean} clean, {needs} need a person, {unreadable} unreadable</source>
        <translation>&lt;b&gt;{count} 台设备&lt;/b&gt;：{clean} 台无需处理，{needs} 台需要人工处理，{unreadable} 台无法读取</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system ({language})</source>
        <translation>跟随系统（{language}）</translation>
    </message>
    <message>
        <source>The window already speaks {language}</source>
        <translation>窗口已在使用{language}</translation>
    </message>
    <message>
        <source>The window speaks {language} from its next start: save or export your decisions, then open the window again</source>
        <translation>窗口下次启动时将使用{language}：请先保存或导出你的决定，然后重新打开窗口</translation>
    </message>
    <message>
        <source>Change the language</source>
        <translation>更改语言</translation>
    </message>
    <message>
        <source>The window will speak {language} once it starts again. Restart now? It opens the same file.</source>
        <translation>窗口重新启动后将使用{language}。现在重新启动吗？它会打开同一个文件。</translation>
    </message>
    <message>
        <source>&amp;Restart now</source>
        <translation>立即重新启动(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <source>The window speaks {language} from its next start</source>
        <translation>窗口下次启动时将使用{language}</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>Networking</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Resources</source>
        <translation>资源</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Naming</source>
        <translation>命名</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>清单</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n 个发现项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n accepted</source>
        <translation>
            <numerusform>%n 个已接受</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) you</source>
        <translation>
            <numerusform>%n 个需要你处理</numerusform>
        </translation>
    </message>
    <message>
        <source>{area} — {details}</source>
        <translation>{area} — {details}</translation>
    </message>
    <message>
        <source>Check when you have done this manual step</source>
        <translation>完成此手动步骤后请勾选</translation>
    </message>
    <message>
        <source>Check to apply this change to the GPU manifest</source>
        <translation>勾选以将此更改应用到 GPU 清单</translation>
    </message>
    <message>
        <source>{severity} · {code}: {title}</source>
        <translation>{severity} · {code}：{title}</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>状态：{status}</translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message>
        <source>Checklist columns</source>
        <translation>检查清单列</translation>
    </message>
    <message>
        <source>Click a column&apos;s title to sort each area&apos;s findings by it; click again for the other way</source>
        <translation>单击列标题，按该列对每个领域的发现项排序；再次单击则反向排序</translation>
    </message>
    <message>
        <source>Findings grouped by area. Up and Down select a finding, Space accepts or rejects it, F8 and Shift+F8 go to the next and the previous one, the menu key opens its actions; Ctrl+4 goes to its decision.</source>
        <translation>按领域分组的发现项。Up 和 Down 选择发现项，Space 接受或拒绝它，F8 和 Shift+F8 转到下一个和上一个，菜单键打开其操作；Ctrl+4 转到它的决定。</translation>
    </message>
    <message>
        <source>Nothing needs you — export when ready</source>
        <translation>没有需要你处理的项 — 准备好后即可导出</translation>
    </message>
    <message>
        <source>No finding matches “{text}”</source>
        <translation>没有与“{text}”匹配的发现项</translation>
    </message>
</context>
<context>
    <name>DetailPanel</name>
    <message>
        <source>Selected finding</source>
        <translation>所选发现项</translation>
    </message>
    <message>
        <source>What the selected finding is, why it matters, and its decision: accept it, give its values, say why</source>
        <translation>所选发现项是什么、为何重要，以及对它的决定：接受它、提供它的值、说明原因</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Severity, module and status</source>
        <translation>严重性、模块和状态</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>Accept this finding</source>
        <translation>接受此发现项</translation>
    </message>
    <message>
        <source>Checked: the change is in the GPU manifest; unchecked: it is left out</source>
        <translation>选中：更改写入 GPU 清单；未选中：不写入</translation>
    </message>
    <message>
        <source>Note: why (e.g. handled outside the manifest)</source>
        <translation>备注：原因（例如已在清单之外处理）</translation>
    </message>
    <message>
        <source>Note on this decision</source>
        <translation>关于此决定的备注</translation>
    </message>
    <message>
        <source>Why you decided so, saved with the decisions; an error whose fix is rejected counts as settled only once this says why</source>
        <translation>你这样决定的原因，与决定一起保存；修复被拒绝的错误只有在这里说明原因后才算已解决</translation>
    </message>
    <message>
        <source>On the device</source>
        <translation>在设备上</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Why the selected finding matters: the rule, the FPGA and the GPU form, its source and links (opened in the browser)</source>
        <translation>所选发现项为何重要：规则、FPGA 和 GPU 形式、出处和链接（在浏览器中打开）</translation>
    </message>
    <message>
        <source>Select a finding to see why it matters and what it changes.</source>
        <translation>选择一个发现项，查看它为何重要以及会更改什么。</translation>
    </message>
    <message>
        <source>Each row of the checklist is one thing that differs between the FPGA device and the GPU device. Check a row to apply its change; rows marked *needs input* wait for a value only you know.

Use **F8** and **Shift+F8** to walk through the findings.</source>
        <translation>检查清单的每一行都是 FPGA 设备与 GPU 设备之间的一处差异。勾选某行即可应用其更改；标记为*需要输入*的行在等待只有你知道的值。

使用 **F8** 和 **Shift+F8** 逐个浏览发现项。</translation>
    </message>
    <message>
        <source>{severity} · module {module} · {status}</source>
        <translation>{severity} · 模块 {module} · {status}</translation>
    </message>
    <message>
        <source>I have done this manual step</source>
        <translation>我已完成此手动步骤</translation>
    </message>
    <message>
        <source>Apply this change to the GPU manifest</source>
        <translation>将此更改应用到 GPU 清单</translation>
    </message>
    <message>
        <source>Checked: you have done this step on the GPU device; the checklist counts it done</source>
        <translation>选中：你已在 GPU 设备上完成此步骤；检查清单将其计为已完成</translation>
    </message>
    <message>
        <source>The fix of this error is rejected: say why, so it counts as settled</source>
        <translation>此错误的修复已被拒绝：请说明原因，这样它才算已处理</translation>
    </message>
    <message>
        <source>On the GPU device: {todo}</source>
        <translation>在 GPU 设备上：{todo}</translation>
    </message>
    <message>
        <source>**FPGA device (before)**</source>
        <translation>**FPGA 设备（之前）**</translation>
    </message>
    <message>
        <source>**GPU device (after)**</source>
        <translation>**GPU 设备（之后）**</translation>
    </message>
    <message>
        <source>*Source:* {source}</source>
        <translation>*来源：* {source}</translation>
    </message>
    <message>
        <source>*Links:*</source>
        <translation>*链接：*</translation>
    </message>
</context>
<context>
    <name>DevicePane</name>
    <message>
        <source>On the device</source>
        <translation>在设备上</translation>
    </message>
    <message>
        <source>The Kubernetes objects the GPU device creates from the GPU manifest, what the device must give, and the device&apos;s settings</source>
        <translation>GPU 设备根据 GPU 清单创建的 Kubernetes 对象、设备必须提供的内容，以及设备的设置</translation>
    </message>
    <message>
        <source>What the device must give</source>
        <translation>设备必须提供的内容</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Checking the objects of the last decision</source>
        <translation>正在检查上一个决定的对象</translation>
    </message>
    <message>
        <source>The objects of the last decision are being compiled and checked; the view shows the previous ones until then</source>
        <translation>正在编译并检查上一个决定的对象；在此之前，视图显示的是之前的对象</translation>
    </message>
    <message numerus="yes">
        <source>%n GPU(s)</source>
        <translation>
            <numerusform>%n 个 GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>GPUs the device has</source>
        <translation>设备拥有的 GPU</translation>
    </message>
    <message>
        <source>GPUs the device has: Azure Stack Edge Pro GPU comes with one or two</source>
        <translation>设备拥有的 GPU：Azure Stack Edge Pro GPU 配有一个或两个</translation>
    </message>
    <message>
        <source>Service type of modules with ports</source>
        <translation>带端口的模块的服务类型</translation>
    </message>
    <message>
        <source>LoadBalancer: each module with port bindings gets an external IP of the device&apos;s pool; ClusterIP: reachable inside the device only</source>
        <translation>LoadBalancer：每个带端口绑定的模块都会从设备的地址池获得一个外部 IP；ClusterIP：只能在设备内部访问</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>Kubernetes objects on the device (YAML)</source>
        <translation>设备上的 Kubernetes 对象（YAML）</translation>
    </message>
    <message>
        <source>The objects the GPU device&apos;s runtime creates from the GPU manifest, as YAML, read-only; the selected finding&apos;s object is highlighted.</source>
        <translation>GPU 设备的运行时根据 GPU 清单创建的对象，以 YAML 显示，只读；所选发现项的对象会突出显示。</translation>
    </message>
    <message numerus="yes">
        <source>%n Deployment(s)</source>
        <translation>
            <numerusform>%n 个 Deployment</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n external IP(s))</source>
        <translation>
            <numerusform>（%n 个外部 IP）</numerusform>
        </translation>
    </message>
    <message>
        <source>Services: {kinds}</source>
        <translation>服务：{kinds}</translation>
    </message>
    <message>
        <source>no Services</source>
        <translation>无服务</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>等另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>share claims: {names}</source>
        <translation>共享声明：{names}</translation>
    </message>
    <message>
        <source>no share claims</source>
        <translation>无共享声明</translation>
    </message>
    <message>
        <source>GPUs: {asked} of {has}</source>
        <translation>GPU：{asked}/{has}</translation>
    </message>
    <message>
        <source>more than the device has</source>
        <translation>超出设备拥有的数量</translation>
    </message>
    <message>
        <source>Each LoadBalancer Service takes one of the device&apos;s Kubernetes external service IPs.</source>
        <translation>每个 LoadBalancer 服务都会占用设备的一个 Kubernetes 外部服务 IP。</translation>
    </message>
    <message>
        <source>Shares to create with &quot;Use the share with Edge compute&quot;: {names}</source>
        <translation>需使用“将共享与 Edge 计算配合使用”创建的共享：{names}</translation>
    </message>
</context>
<context>
    <name>DeviceSet</name>
    <message>
        <source>Open &amp;folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open every manifest (*.json) of a folder, one device each</source>
        <translation>打开文件夹中的每个清单（*.json），每个清单一台设备</translation>
    </message>
    <message>
        <source>Export &amp;every device…</source>
        <translation>导出所有设备(&amp;E)…</translation>
    </message>
    <message>
        <source>Write every device&apos;s GPU manifest into a folder, with fleet-summary.json and the deployments, exactly as asegui-cli fleet would</source>
        <translation>将每台设备的 GPU 清单写入一个文件夹，并附带 fleet-summary.json 和部署，与 asegui-cli fleet 写入的完全相同</translation>
    </message>
    <message>
        <source>Apply this decision to all &amp;devices</source>
        <translation>将此决定应用于所有设备(&amp;D)</translation>
    </message>
    <message>
        <source>Give every other device with the selected finding the same decision (accepted, values, note)</source>
        <translation>为具有所选发现项的其他每台设备做出相同的决定（接受与否、值、备注）</translation>
    </message>
    <message>
        <source>Open a folder of FPGA deployment manifests</source>
        <translation>打开包含 FPGA 部署清单的文件夹</translation>
    </message>
    <message>
        <source>No manifests</source>
        <translation>没有清单</translation>
    </message>
    <message>
        <source>{paths} holds no manifest (*.json).</source>
        <translation>{paths} 中没有清单（*.json）。</translation>
    </message>
    <message>
        <source>Opening {count} manifests</source>
        <translation>正在打开 {count} 个清单</translation>
    </message>
    <message>
        <source>Checking {name} ({done} of {total})</source>
        <translation>正在检查 {name}（第 {done} 个，共 {total} 个）</translation>
    </message>
    <message>
        <source>Opening the folder cancelled</source>
        <translation>已取消打开文件夹</translation>
    </message>
    <message>
        <source>Cannot open the folder</source>
        <translation>无法打开文件夹</translation>
    </message>
    <message>
        <source>None of the {count} files is a manifest this tool can read:</source>
        <translation>这 {count} 个文件中没有一个是此工具能读取的清单：</translation>
    </message>
    <message>
        <source>opening {count} devices</source>
        <translation>打开 {count} 台设备</translation>
    </message>
    <message numerus="yes">
        <source>Opened {name} and %n more device(s); choose another in the list</source>
        <translation>
            <numerusform>已打开 {name} 和另外 %n 台设备；可在列表中选择其他设备</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot open {name}</source>
        <translation>无法打开 {name}</translation>
    </message>
    <message>
        <source>{name} is not a deployment manifest this tool can read.</source>
        <translation>{name} 不是此工具可以读取的部署清单。</translation>
    </message>
    <message>
        <source>Apply this decision to all devices with this finding</source>
        <translation>将此决定应用于具有此发现项的所有设备</translation>
    </message>
    <message>
        <source>Select a finding first.</source>
        <translation>请先选择一个发现项。</translation>
    </message>
    <message>
        <source>{code} as on {name}</source>
        <translation>{code}，与 {name} 相同</translation>
    </message>
    <message numerus="yes">
        <source>The decision on {code} applied to %n other device(s)</source>
        <translation>
            <numerusform>对 {code} 的决定已应用于另外 %n 台设备</numerusform>
        </translation>
    </message>
    <message>
        <source>Export every device into a folder</source>
        <translation>将所有设备导出到文件夹</translation>
    </message>
    <message>
        <source>Export every device</source>
        <translation>导出所有设备</translation>
    </message>
    <message>
        <source>Exporting {count} devices</source>
        <translation>正在导出 {count} 台设备</translation>
    </message>
    <message>
        <source>Converting {name} ({done} of {total})</source>
        <translation>正在转换 {name}（第 {done} 个，共 {total} 个）</translation>
    </message>
    <message>
        <source>Export cancelled: fleet-summary.json was not written</source>
        <translation>已取消导出：未写入 fleet-summary.json</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Exported {count} device(s) to {path}: {clean} clean, {needs} need a person, {unreadable} unreadable; {groups} deployment group(s)</source>
        <translation>已将 {count} 台设备导出到 {path}：{clean} 台无需处理，{needs} 台需要人工处理，{unreadable} 台无法读取；{groups} 个部署组</translation>
    </message>
    <message>
        <source> — the decisions are not saved yet (a * in the list)</source>
        <translation> — 决定尚未保存（列表中标有 *）</translation>
    </message>
    <message>
        <source>Errors are not resolved</source>
        <translation>错误尚未解决</translation>
    </message>
    <message numerus="yes">
        <source>%n error finding(s) still need you. Those GPU manifests may not deploy until they are resolved:</source>
        <translation>
            <numerusform>仍有 %n 个错误发现项需要你处理。在解决之前，这些 GPU 清单可能无法部署：</numerusform>
        </translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>仍然导出</translation>
    </message>
    <message>
        <source>Go to the first error</source>
        <translation>转到第一个错误</translation>
    </message>
    <message>
        <source>Two devices have the same name ({names}): their GPU manifests would overwrite each other.</source>
        <translation>两台设备同名（{names}）：它们的 GPU 清单会相互覆盖。</translation>
    </message>
    <message>
        <source>{path} holds the FPGA manifests: choose another folder, the exports are never written over an input.</source>
        <translation>{path} 中有 FPGA 清单：请选择其他文件夹，导出永远不会覆盖输入。</translation>
    </message>
    <message numerus="yes">
        <source>The decisions on %n other device(s) are not saved: {names}. Save them to a folder before {doing}? Undo cannot bring them back afterwards.</source>
        <translation>
            <numerusform>另外 %n 台设备上的决定尚未保存：{names}。要在{doing}之前将它们保存到文件夹吗？之后无法通过撤消恢复。</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the decisions?</source>
        <translation>保存决定？</translation>
    </message>
    <message>
        <source>Save the devices&apos; decisions into a folder</source>
        <translation>将设备的决定保存到文件夹</translation>
    </message>
    <message>
        <source>Save decisions</source>
        <translation>保存决定</translation>
    </message>
    <message>
        <source>{path} holds the FPGA manifests: choose another folder for the decisions.</source>
        <translation>{path} 中有 FPGA 清单：请为决定选择其他文件夹。</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>F&amp;ind:</source>
        <translation>查找(&amp;I)：</translation>
    </message>
    <message>
        <source>text in both manifests and in the checklist&apos;s findings</source>
        <translation>两个清单及检查清单发现项中的文本</translation>
    </message>
    <message>
        <source>Find text</source>
        <translation>查找文本</translation>
    </message>
    <message>
        <source>Text to find in both manifests and in the checklist&apos;s findings: Enter goes to the next match, Shift+Enter to the previous one, Escape closes the bar</source>
        <translation>要在两个清单和检查清单的发现项中查找的文本：Enter 转到下一个匹配项，Shift+Enter 转到上一个，Escape 关闭查找栏</translation>
    </message>
    <message>
        <source>Clear the find text</source>
        <translation>清除查找文本</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3, Shift+Enter)</source>
        <translation>上一个匹配项（Shift+F3、Shift+Enter）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Next match (F3, Enter)</source>
        <translation>下一个匹配项（F3、Enter）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Close the find bar (Escape)</source>
        <translation>关闭查找栏（Escape）</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>关闭查找栏</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ASE Migration Assistant</source>
        <translation>ASE Migration Assistant</translation>
    </message>
    <message>
        <source>FPGA manifest (input)</source>
        <translation>FPGA 清单（输入）</translation>
    </message>
    <message>
        <source>The FPGA deployment manifest, read-only. A mark in the margin shows a changed line; Enter on a line selects its finding; Alt+Down and Alt+Up go from change to change.</source>
        <translation>FPGA 部署清单，只读。边距中的标记表示已更改的行；在某行上按 Enter 会选择其发现项；Alt+Down 和 Alt+Up 在更改之间跳转。</translation>
    </message>
    <message>
        <source>GPU manifest (output)</source>
        <translation>GPU 清单（输出）</translation>
    </message>
    <message>
        <source>The GPU deployment manifest your decisions make, as it will be exported, read-only. A mark in the margin shows a changed line; Enter on a line selects its finding; Alt+Down and Alt+Up go from change to change.</source>
        <translation>根据你的决定生成的 GPU 部署清单，与导出的内容相同，只读。边距中的标记表示已更改的行；在某行上按 Enter 会选择其发现项；Alt+Down 和 Alt+Up 在更改之间跳转。</translation>
    </message>
    <message>
        <source>Problems with the GPU manifest</source>
        <translation>GPU 清单的问题</translation>
    </message>
    <message>
        <source>GPU manifest or its objects on the device</source>
        <translation>GPU 清单或其在设备上的对象</translation>
    </message>
    <message>
        <source>The GPU manifest, or the Kubernetes objects the GPU device creates from it (Ctrl+K switches)</source>
        <translation>GPU 清单，或 GPU 设备根据它创建的 Kubernetes 对象（Ctrl+K 切换）</translation>
    </message>
    <message>
        <source>GPU manifest</source>
        <translation>GPU 清单</translation>
    </message>
    <message>
        <source>On the device</source>
        <translation>在设备上</translation>
    </message>
    <message>
        <source>The converted deployment manifest, as it will be exported</source>
        <translation>转换后的部署清单，与导出的内容一致</translation>
    </message>
    <message>
        <source>The Kubernetes objects the GPU device&apos;s runtime creates from it</source>
        <translation>GPU 设备的运行时据此创建的 Kubernetes 对象</translation>
    </message>
    <message>
        <source>Checklist summary</source>
        <translation>检查清单摘要</translation>
    </message>
    <message>
        <source>Checklist of findings</source>
        <translation>发现项检查清单</translation>
    </message>
    <message>
        <source>Summary of findings</source>
        <translation>发现项摘要</translation>
    </message>
    <message>
        <source>Status bar</source>
        <translation>状态栏</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>菜单栏</translation>
    </message>
    <message>
        <source>{tip} ({shortcut})</source>
        <translation>{tip}（{shortcut}）</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an FPGA deployment manifest</source>
        <translation>打开 FPGA 部署清单</translation>
    </message>
    <message>
        <source>Try the &amp;sample</source>
        <translation>试用示例(&amp;S)</translation>
    </message>
    <message>
        <source>Open the FPGA sample manifest bundled with the app</source>
        <translation>打开应用自带的 FPGA 示例清单</translation>
    </message>
    <message>
        <source>&amp;Export GPU manifest…</source>
        <translation>导出 GPU 清单(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the GPU manifest, exactly as asegui-cli convert would</source>
        <translation>写入 GPU 清单，与 asegui-cli convert 的输出完全一致</translation>
    </message>
    <message>
        <source>Export migration &amp;report…</source>
        <translation>导出迁移报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write the migration record for the customer: findings, decisions, before and after, the device checklist (HTML, Markdown or JSON; secrets masked)</source>
        <translation>为客户写入迁移记录：发现项、决定、之前和之后、设备检查清单（HTML、Markdown 或 JSON；机密已屏蔽）</translation>
    </message>
    <message>
        <source>&amp;Save decisions…</source>
        <translation>保存决定(&amp;S)…</translation>
    </message>
    <message>
        <source>Save every decision to a file asegui-cli can replay</source>
        <translation>将所有决定保存到 asegui-cli 可以重放的文件</translation>
    </message>
    <message>
        <source>&amp;Load decisions…</source>
        <translation>加载决定(&amp;L)…</translation>
    </message>
    <message>
        <source>Replay decisions saved earlier (by the window or asegui-cli)</source>
        <translation>重放之前（由窗口或 asegui-cli）保存的决定</translation>
    </message>
    <message>
        <source>&amp;Close manifest</source>
        <translation>关闭清单(&amp;C)</translation>
    </message>
    <message>
        <source>Close the manifest and go back to the start page</source>
        <translation>关闭清单并返回起始页</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit the application</source>
        <translation>退出应用程序</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Undo the last decision</source>
        <translation>撤销上一个决定</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Redo the decision undone</source>
        <translation>重做已撤销的决定</translation>
    </message>
    <message>
        <source>Accept &amp;all defaults</source>
        <translation>全部接受默认值(&amp;A)</translation>
    </message>
    <message>
        <source>Accept every proposed change with its default values</source>
        <translation>以默认值接受每项建议的更改</translation>
    </message>
    <message>
        <source>Accept defaults in this &amp;area</source>
        <translation>接受此领域的默认值(&amp;A)</translation>
    </message>
    <message>
        <source>Accept every proposed change of the selected finding&apos;s area</source>
        <translation>接受所选发现项所在领域的每项建议的更改</translation>
    </message>
    <message>
        <source>&amp;Next finding</source>
        <translation>下一个发现项(&amp;N)</translation>
    </message>
    <message>
        <source>Go to the next finding</source>
        <translation>转到下一个发现项</translation>
    </message>
    <message>
        <source>&amp;Previous finding</source>
        <translation>上一个发现项(&amp;P)</translation>
    </message>
    <message>
        <source>Go to the previous finding</source>
        <translation>转到上一个发现项</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find text in both manifests and in the checklist</source>
        <translation>在两个清单和检查清单中查找文本</translation>
    </message>
    <message>
        <source>Find ne&amp;xt</source>
        <translation>查找下一个(&amp;X)</translation>
    </message>
    <message>
        <source>The next match in the manifest with the focus</source>
        <translation>具有焦点的清单中的下一个匹配项</translation>
    </message>
    <message>
        <source>Find pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <source>The previous match in the manifest with the focus</source>
        <translation>具有焦点的清单中的上一个匹配项</translation>
    </message>
    <message>
        <source>Next &amp;change</source>
        <translation>下一处更改(&amp;C)</translation>
    </message>
    <message>
        <source>Go to the next changed lines in the manifest with the focus (the GPU manifest otherwise)</source>
        <translation>转到具有焦点的清单中的下一处更改行（否则为 GPU 清单）</translation>
    </message>
    <message>
        <source>Previous c&amp;hange</source>
        <translation>上一处更改(&amp;H)</translation>
    </message>
    <message>
        <source>Go to the previous changed lines in the manifest with the focus (the GPU manifest otherwise)</source>
        <translation>转到具有焦点的清单中的上一处更改行（否则为 GPU 清单）</translation>
    </message>
    <message>
        <source>&amp;Checklist</source>
        <translation>检查清单(&amp;C)</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the checklist</source>
        <translation>将键盘焦点移到检查清单</translation>
    </message>
    <message>
        <source>&amp;FPGA manifest</source>
        <translation>FPGA 清单(&amp;F)</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the FPGA manifest</source>
        <translation>将键盘焦点移到 FPGA 清单</translation>
    </message>
    <message>
        <source>&amp;GPU manifest</source>
        <translation>GPU 清单(&amp;G)</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the GPU manifest (or the objects on the device)</source>
        <translation>将键盘焦点移到 GPU 清单（或设备上的对象）</translation>
    </message>
    <message>
        <source>Selected &amp;finding</source>
        <translation>所选发现项(&amp;F)</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the selected finding&apos;s decision</source>
        <translation>将键盘焦点移到所选发现项的决定</translation>
    </message>
    <message>
        <source>Only what &amp;needs me</source>
        <translation>仅显示需要我处理的(&amp;N)</translation>
    </message>
    <message>
        <source>Show only findings that wait for a value or a manual step from you</source>
        <translation>仅显示正在等待你提供值或执行手动步骤的发现项</translation>
    </message>
    <message>
        <source>&amp;Deployable form</source>
        <translation>可部署形式(&amp;D)</translation>
    </message>
    <message>
        <source>Show createOptions as deployable strings (chunks of 512 characters) instead of expanded objects</source>
        <translation>将 createOptions 显示为可部署的字符串（每块 512 个字符），而不是展开的对象</translation>
    </message>
    <message>
        <source>&amp;Lock scrolling</source>
        <translation>锁定滚动(&amp;L)</translation>
    </message>
    <message>
        <source>Keep both manifests scrolled in step, module by module</source>
        <translation>让两个清单按模块同步滚动</translation>
    </message>
    <message>
        <source>On the &amp;device</source>
        <translation>在设备上(&amp;D)</translation>
    </message>
    <message>
        <source>Show the Kubernetes objects the GPU device creates from the manifest (YAML) instead of the GPU manifest</source>
        <translation>显示 GPU 设备根据清单创建的 Kubernetes 对象（YAML），而不是 GPU 清单</translation>
    </message>
    <message>
        <source>FPGA file as &amp;written</source>
        <translation>FPGA 文件原文(&amp;W)</translation>
    </message>
    <message>
        <source>Show the FPGA manifest&apos;s own text, with its comments and createOptions strings as written (the lines MAN007 and load errors name)</source>
        <translation>显示 FPGA 清单的原始文本，包括其注释和原样的 createOptions 字符串（MAN007 和加载错误所指的行）</translation>
    </message>
    <message>
        <source>Show &amp;secrets</source>
        <translation>显示机密(&amp;S)</translation>
    </message>
    <message>
        <source>Show registry passwords and secret values instead of ••••</source>
        <translation>显示注册表密码和机密值，而不是 ••••</translation>
    </message>
    <message>
        <source>Dar&amp;k palette</source>
        <translation>深色调色板(&amp;K)</translation>
    </message>
    <message>
        <source>Switch between light and dark colours</source>
        <translation>在浅色和深色之间切换</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷方式(&amp;K)</translation>
    </message>
    <message>
        <source>List every keyboard shortcut</source>
        <translation>列出所有键盘快捷方式</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About ASE Migration Assistant</source>
        <translation>关于 ASE Migration Assistant</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>S&amp;ort the checklist by</source>
        <translation>检查清单排序方式(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>deployable form</source>
        <translation>可部署形式</translation>
    </message>
    <message>
        <source>expanded createOptions</source>
        <translation>展开的 createOptions</translation>
    </message>
    <message>
        <source>; a large file, shown without colours</source>
        <translation>；文件较大，不显示颜色</translation>
    </message>
    <message>
        <source>as written: its own lines, no change marks</source>
        <translation>原文：其自身的行，无更改标记</translation>
    </message>
    <message>
        <source>&lt;b&gt;FPGA manifest&lt;/b&gt; — {name} &lt;i&gt;({form})&lt;/i&gt;</source>
        <translation>&lt;b&gt;FPGA 清单&lt;/b&gt; — {name} &lt;i&gt;（{form}）&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;GPU manifest&lt;/b&gt; — generated, {count} changed line(s) marked &lt;i&gt;({form})&lt;/i&gt;</source>
        <translation>&lt;b&gt;GPU 清单&lt;/b&gt; — 已生成，已标记 {count} 行更改 &lt;i&gt;（{form}）&lt;/i&gt;</translation>
    </message>
    <message numerus="yes">
        <source> (and %n more: hover to read them)</source>
        <translation>
            <numerusform>（另有 %n 个：悬停即可查看）</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Check before deploying:&lt;/b&gt; {problem}{more}</source>
        <translation>&lt;b&gt;部署前请检查：&lt;/b&gt;{problem}{more}</translation>
    </message>
    <message>
        <source>{error} error(s) · {warning} warning(s) · {info} info — {accepted} of {total} accepted — {needs} need you — {unresolved} unresolved error(s)</source>
        <translation>{error} 个错误 · {warning} 个警告 · {info} 条信息 — 已接受 {accepted}/{total} — {needs} 个需要你处理 — {unresolved} 个未解决的错误</translation>
    </message>
    <message>
        <source>&lt;b&gt;Checklist&lt;/b&gt; — {total} finding(s), {needs} need you</source>
        <translation>&lt;b&gt;检查清单&lt;/b&gt; — {total} 个发现项，{needs} 个需要你处理</translation>
    </message>
    <message>
        <source>{name}[*] — ASE Migration Assistant</source>
        <translation>{name}[*] — ASE Migration Assistant</translation>
    </message>
    <message>
        <source>{label} is refused: {problem}</source>
        <translation>{label} 被拒绝：{problem}</translation>
    </message>
    <message>
        <source>The decisions on {name} are not saved. Save them to a file before {doing}? Undo cannot bring them back afterwards.</source>
        <translation>{name} 的决定尚未保存。要在{doing}之前将它们保存到文件吗？之后无法通过撤销恢复它们。</translation>
    </message>
    <message>
        <source>The decisions on {name} are saved, but a value typed in the detail panel is not.</source>
        <translation>{name} 的决定已保存，但在详细信息面板中键入的值尚未保存。</translation>
    </message>
    <message>
        <source>{label} holds a value that is refused and cannot be saved: {problem}</source>
        <translation>{label} 包含被拒绝的值，无法保存：{problem}</translation>
    </message>
    <message>
        <source>Save the decisions?</source>
        <translation>保存决定？</translation>
    </message>
    <message>
        <source>accept {code}</source>
        <translation>接受 {code}</translation>
    </message>
    <message>
        <source>reject {code}</source>
        <translation>拒绝 {code}</translation>
    </message>
    <message>
        <source>note on {code}</source>
        <translation>{code} 的备注</translation>
    </message>
    <message>
        <source>set {name} of {code}</source>
        <translation>设置 {code} 的 {name}</translation>
    </message>
    <message>
        <source>accept all defaults</source>
        <translation>全部接受默认值</translation>
    </message>
    <message>
        <source>Select a finding or an area first.</source>
        <translation>请先选择一个发现项或领域。</translation>
    </message>
    <message>
        <source>accept defaults in {area}</source>
        <translation>接受 {area} 中的默认值</translation>
    </message>
    <message>
        <source>Defaults: {what}.</source>
        <translation>默认值：{what}。</translation>
    </message>
    <message>
        <source>Every finding already has its default.</source>
        <translation>每个发现项都已是默认值。</translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation>已撤销：{what}</translation>
    </message>
    <message>
        <source>Redone: {what}</source>
        <translation>已重做：{what}</translation>
    </message>
    <message>
        <source>device: {gpus} GPU(s), {kind}</source>
        <translation>设备：{gpus} 个 GPU，{kind}</translation>
    </message>
    <message numerus="yes">
        <source>Converted for a device with %n GPU(s) and {kind} Services.</source>
        <translation>
            <numerusform>已针对具有 %n 个 GPU 和 {kind} 服务的设备进行转换。</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} (sample)</source>
        <translation>{name}（示例）</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{name} is not a deployment manifest this tool can read.</source>
        <translation>{name} 不是此工具可以读取的部署清单。</translation>
    </message>
    <message>
        <source>Line {line}, column {column}: {reason}</source>
        <translation>第 {line} 行，第 {column} 列：{reason}</translation>
    </message>
    <message>
        <source>Cannot open {name}</source>
        <translation>无法打开 {name}</translation>
    </message>
    <message>
        <source>Opening {name} cancelled</source>
        <translation>已取消打开 {name}</translation>
    </message>
    <message>
        <source>opening {name}</source>
        <translation>打开 {name}</translation>
    </message>
    <message>
        <source>{name} is gone from disk; the window keeps what it shows</source>
        <translation>{name} 已从磁盘上消失；窗口保留当前显示的内容</translation>
    </message>
    <message>
        <source>line {line}: </source>
        <translation>第 {line} 行：</translation>
    </message>
    <message>
        <source>{name} changed on disk and cannot be read now ({where}{reason}); the window keeps the last version</source>
        <translation>{name} 在磁盘上已更改，目前无法读取（{where}{reason}）；窗口保留上一个版本</translation>
    </message>
    <message>
        <source>decisions kept through a reload</source>
        <translation>重新加载时保留的决定</translation>
    </message>
    <message numerus="yes">
        <source>Reloaded {name}: it changed on disk; %n decision(s) kept</source>
        <translation>
            <numerusform>已重新加载 {name}：它在磁盘上已更改；保留了 %n 个决定</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n no longer match a finding</source>
        <translation>
            <numerusform>，其中 %n 个不再与任何发现项匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>closing the manifest</source>
        <translation>关闭清单</translation>
    </message>
    <message>
        <source>Errors are not resolved</source>
        <translation>错误尚未解决</translation>
    </message>
    <message numerus="yes">
        <source>%n error finding(s) still need you. The GPU manifest may not deploy until they are resolved:</source>
        <translation>
            <numerusform>仍有 %n 个错误发现项需要你处理。在解决它们之前，GPU 清单可能无法部署：</numerusform>
        </translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>仍然导出</translation>
    </message>
    <message>
        <source>Go to the first error</source>
        <translation>转到第一个错误</translation>
    </message>
    <message>
        <source>Export the GPU manifest</source>
        <translation>导出 GPU 清单</translation>
    </message>
    <message>
        <source>Overwrite the input?</source>
        <translation>覆盖输入文件？</translation>
    </message>
    <message>
        <source>{path} is the FPGA manifest you opened. Write the GPU manifest over it?</source>
        <translation>{path} 是你打开的 FPGA 清单。要用 GPU 清单覆盖它吗？</translation>
    </message>
    <message>
        <source>Overwrite the input</source>
        <translation>覆盖输入文件</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Exported the GPU manifest to {path}</source>
        <translation>已将 GPU 清单导出到 {path}</translation>
    </message>
    <message>
        <source> — the decisions are not saved yet (the * in the title): File › Save decisions (Ctrl+S) keeps them for later or for asegui-cli</source>
        <translation> — 决定尚未保存（标题中的 *）：“文件 › 保存决定”(Ctrl+S) 可将其保留，供以后使用或供 asegui-cli 使用</translation>
    </message>
    <message>
        <source>Export the migration report</source>
        <translation>导出迁移报告</translation>
    </message>
    <message>
        <source>A report is written as .html, .md or .json, and never over the manifest.</source>
        <translation>报告以 .html、.md 或 .json 格式写入，且绝不会覆盖清单。</translation>
    </message>
    <message>
        <source>Wrote the migration report to {path}</source>
        <translation>已将迁移报告写入 {path}</translation>
    </message>
    <message>
        <source>Save decisions</source>
        <translation>保存决定</translation>
    </message>
    <message>
        <source>Decisions cannot be saved over the manifest.</source>
        <translation>不能用决定覆盖清单。</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Saved the decisions to {path}</source>
        <translation>已将决定保存到 {path}</translation>
    </message>
    <message>
        <source>Load decisions</source>
        <translation>加载决定</translation>
    </message>
    <message>
        <source>Cannot load decisions</source>
        <translation>无法加载决定</translation>
    </message>
    <message>
        <source>load decisions</source>
        <translation>加载决定</translation>
    </message>
    <message numerus="yes">
        <source>for a device with %n GPU(s) and {kind} Services</source>
        <translation>
            <numerusform>适用于具有 %n 个 GPU 和 {kind} 服务的设备</numerusform>
        </translation>
    </message>
    <message>
        <source>they were saved for a different version of this manifest</source>
        <translation>它们是为此清单的其他版本保存的</translation>
    </message>
    <message numerus="yes">
        <source>%n decision(s) match no finding here</source>
        <translation>
            <numerusform>%n 个决定与此处的任何发现项都不匹配</numerusform>
        </translation>
    </message>
    <message>
        <source>Loaded the decisions from {path}</source>
        <translation>已从 {path} 加载决定</translation>
    </message>
    <message>
        <source>No more changes below</source>
        <translation>下方没有更多更改</translation>
    </message>
    <message>
        <source>No more changes above</source>
        <translation>上方没有更多更改</translation>
    </message>
    <message>
        <source>Mark as &amp;done</source>
        <translation>标记为已完成(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Accept the change</source>
        <translation>接受更改(&amp;A)</translation>
    </message>
    <message>
        <source>Mark as &amp;not done</source>
        <translation>标记为未完成(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Reject the change</source>
        <translation>拒绝更改(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xplain {code}</source>
        <translation>解释 {code}(&amp;X)</translation>
    </message>
    <message>
        <source>Copy finding &amp;id</source>
        <translation>复制发现项 ID(&amp;I)</translation>
    </message>
    <message>
        <source>Copy &amp;message</source>
        <translation>复制消息(&amp;M)</translation>
    </message>
    <message>
        <source>in the FPGA manifest</source>
        <translation>处（FPGA 清单）</translation>
    </message>
    <message>
        <source>in the GPU manifest</source>
        <translation>处（GPU 清单）</translation>
    </message>
    <message>
        <source>in the objects on the device</source>
        <translation>处（设备上的对象）</translation>
    </message>
    <message>
        <source>{index} of {count} {where}</source>
        <translation>第 {index}/{count} {where}</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n 个发现项</numerusform>
        </translation>
    </message>
    <message>
        <source>“{text}” is not in this manifest</source>
        <translation>此清单中没有“{text}”</translation>
    </message>
    <message>
        <source>&amp;Catalogue order</source>
        <translation>目录顺序(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Severity</source>
        <translation>严重性(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Module</source>
        <translation>模块(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Finding</source>
        <translation>发现项(&amp;F)</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>状态(&amp;T)</translation>
    </message>
    <message>
        <source>Co&amp;de</source>
        <translation>代码(&amp;D)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷方式</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hold Shift while scrolling to move one side alone.&lt;/p&gt;</source>
        <translation>&lt;p&gt;滚动时按住 Shift 可单独移动一侧。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;ASE Migration Assistant&lt;/b&gt; {version}&lt;br&gt;Migrates Azure IoT Edge deployment manifests from Azure Stack Edge Pro FPGA to Pro GPU devices, and explains every change.</source>
        <translation>&lt;b&gt;ASE Migration Assistant&lt;/b&gt; {version}&lt;br&gt;将 Azure IoT Edge 部署清单从 Azure Stack Edge Pro FPGA 设备迁移到 Pro GPU 设备，并解释每一处更改。</translation>
    </message>
    <message>
        <source>quitting</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>ParamField</name>
    <message>
        <source>at least {minimum}</source>
        <translation>至少为 {minimum}</translation>
    </message>
    <message>
        <source>at most {maximum}</source>
        <translation>至多为 {maximum}</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>The value of {label} in the GPU manifest, one of: {options}</source>
        <translation>{label} 在 GPU 清单中的值，可选：{options}</translation>
    </message>
    <message>
        <source>The value of {label} in the GPU manifest ({hint}); Enter applies it</source>
        <translation>{label} 在 GPU 清单中的值（{hint}）；按 Enter 应用</translation>
    </message>
    <message>
        <source>Why {label} is refused</source>
        <translation>{label} 被拒绝的原因</translation>
    </message>
    <message>
        <source>Refused: {problem}. {description}</source>
        <translation>值无效：{problem}。{description}</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Start page</source>
        <translation>起始页</translation>
    </message>
    <message>
        <source>ASE Migration Assistant logo</source>
        <translation>ASE Migration Assistant 徽标</translation>
    </message>
    <message>
        <source>ASE Migration Assistant</source>
        <translation>ASE Migration Assistant</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Turn an IoT Edge deployment manifest written for an Azure Stack Edge Pro &lt;b&gt;FPGA&lt;/b&gt; device into one for an Azure Stack Edge Pro &lt;b&gt;GPU&lt;/b&gt; device. Every change is shown and explained; you decide.</source>
        <translation>将为 Azure Stack Edge Pro &lt;b&gt;FPGA&lt;/b&gt; 设备编写的 IoT Edge 部署清单转换为适用于 Azure Stack Edge Pro &lt;b&gt;GPU&lt;/b&gt; 设备的清单。每一处更改都会显示并加以解释；由你决定。</translation>
    </message>
    <message>
        <source>What this tool does</source>
        <translation>此工具的用途</translation>
    </message>
    <message>
        <source>Open manifest…</source>
        <translation>打开清单…</translation>
    </message>
    <message>
        <source>Open a deployment manifest (Ctrl+O)</source>
        <translation>打开部署清单（Ctrl+O）</translation>
    </message>
    <message>
        <source>Open manifest</source>
        <translation>打开清单</translation>
    </message>
    <message>
        <source>Try the sample</source>
        <translation>试用示例</translation>
    </message>
    <message>
        <source>Open a realistic FPGA manifest bundled with the app</source>
        <translation>打开应用自带的真实 FPGA 清单示例</translation>
    </message>
    <message>
        <source>…or drop a .json manifest anywhere on this window. Press F1 for the keyboard shortcuts.</source>
        <translation>…或将 .json 清单拖放到此窗口的任意位置。按 F1 查看键盘快捷方式。</translation>
    </message>
    <message>
        <source>Drop hint</source>
        <translation>拖放提示</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent files&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近的文件&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近的文件</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open</source>
        <translation>双击或按 Enter 打开</translation>
    </message>
    <message>
        <source>No recent files yet.</source>
        <translation>还没有最近的文件。</translation>
    </message>
</context>
<context>
    <name>_ChangeMap</name>
    <message>
        <source>Change map: where the changed lines are</source>
        <translation>更改图：更改行所在的位置</translation>
    </message>
    <message>
        <source>Where the changes are; click to go there</source>
        <translation>更改所在的位置；单击即可转到该处</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <source>An unexpected error happened; the window keeps running and your decisions are kept.

{error}</source>
        <translation>发生意外错误；窗口仍在运行，你的决定也已保留。

{error}</translation>
    </message>
</context>
</TS>
