<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name />
        <message>
            <source>&amp;Save decisions…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Discard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading {name}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preparing both manifests for {name}…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking {name}: rule {done} of {total}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>clean</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>needs a person</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>unreadable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name}{mark} — needs a person ({count})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name}{mark} — {status}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Devices</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Device counts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Devices of the folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Each device's manifest and its status: clean, needs a person (with how many findings wait), or unreadable. A * marks unsaved decisions. Choosing a device shows it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;{count} device(s)&lt;/b&gt;: {clean} clean, {needs} need a person, {unreadable} unreadable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Follow the system ({language})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The window already speaks {language}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change the language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The window will speak {language} once it starts again. Restart now? It opens the same file; decisions not saved are asked about first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Restart now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Later</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The window speaks {language} from its next start</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ChecklistModel</name>
        <message>
            <source>Accept</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Module</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Storage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Networking</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resources</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Proxy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Naming</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Platform</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manifest</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n finding(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n error(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warning(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n accepted</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>%n need(s) you</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>{area} — {details}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check when you have done this manual step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check to apply this change to the GPU manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{severity} · {code}: {title}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status: {status}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ChecklistView</name>
        <message>
            <source>Checklist columns</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Click a column's title to sort each area's findings by it; click again for the other way</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Findings grouped by area. Up and Down select a finding, Space accepts or rejects it, F8 and Shift+F8 go to the next and the previous one, the menu key opens its actions; Ctrl+4 goes to its decision.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing needs you — export when ready</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No finding matches “{text}”</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DetailPanel</name>
        <message>
            <source>Selected finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the selected finding is, why it matters, and its decision: accept it, give its values, say why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Rule</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Severity, module and status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept this finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checked: the change is in the GPU manifest; unchecked: it is left out</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note: why (e.g. handled outside the manifest)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Note on this decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why you decided so, saved with the decisions; an error whose fix is rejected counts as settled only once this says why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On the device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Explanation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why the selected finding matters: the rule, the FPGA and the GPU form, its source and links (opened in the browser)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a finding to see why it matters and what it changes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Each row of the checklist is one thing that differs between the FPGA device and the GPU device. Check a row to apply its change; rows marked *needs input* wait for a value only you know.

Use **F8** and **Shift+F8** to walk through the findings.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{severity} · module {module} · {status}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I have done this manual step</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply this change to the GPU manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checked: you have done this step on the GPU device; the checklist counts it done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The fix of this error is rejected: say why, so it counts as settled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On the GPU device: {todo}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>**FPGA device (before)**</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>**GPU device (after)**</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>*Source:* {source}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>*Links:*</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DevicePane</name>
        <message>
            <source>On the device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The Kubernetes objects the GPU device creates from the GPU manifest, what the device must give, and the device's settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What the device must give</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>checking…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the objects of the last decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The objects of the last decision are being compiled and checked; the view shows the previous ones until then</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n GPU(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>GPUs the device has</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GPUs the device has: Azure Stack Edge Pro GPU comes with one or two</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Service type of modules with ports</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>LoadBalancer: each module with port bindings gets an external IP of the device's pool; ClusterIP: reachable inside the device only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Device:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Kubernetes objects on the device (YAML)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The objects the GPU device's runtime creates from the GPU manifest, as YAML, read-only; the selected finding's object is highlighted.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n Deployment(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>(%n external IP(s))</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>Services: {kinds}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no Services</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>and %n more</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>share claims: {names}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>no share claims</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GPUs: {asked} of {has}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>more than the device has</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Each LoadBalancer Service takes one of the device's Kubernetes external service IPs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Shares to create with "Use the share with Edge compute": {names}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FindBar</name>
        <message>
            <source>Find</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>F&amp;ind:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>text in both manifests and in the checklist's findings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Text to find in both manifests and in the checklist's findings: Enter goes to the next match, Shift+Enter to the previous one, Escape closes the bar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Clear the find text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Matches</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Previous</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Previous match (Shift+F3, Shift+Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next match (F3, Enter)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close the find bar (Escape)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close the find bar</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>ASE Migration Assistant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>FPGA manifest (input)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The FPGA deployment manifest, read-only. A mark in the margin shows a changed line; Enter on a line selects its finding; Alt+Down and Alt+Up go from change to change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GPU manifest (output)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The GPU deployment manifest your decisions make, as it will be exported, read-only. A mark in the margin shows a changed line; Enter on a line selects its finding; Alt+Down and Alt+Up go from change to change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Problems with the GPU manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GPU manifest or its objects on the device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The GPU manifest, or the Kubernetes objects the GPU device creates from it (Ctrl+K switches)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>GPU manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On the device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The converted deployment manifest, as it will be exported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The Kubernetes objects the GPU device's runtime creates from it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checklist summary</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checklist of findings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Summary of findings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Status bar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Menu bar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{tip} ({shortcut})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open an FPGA deployment manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try the &amp;sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the FPGA sample manifest bundled with the app</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Export GPU manifest…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the GPU manifest, exactly as asegui-cli convert would</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export migration &amp;report…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the migration record for the customer: findings, decisions, before and after, the device checklist (HTML, Markdown or JSON; secrets masked)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Save decisions…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save every decision to a file asegui-cli can replay</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Load decisions…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replay decisions saved earlier (by the window or asegui-cli)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Close manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Close the manifest and go back to the start page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit the application</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undo the last decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Redo the decision undone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept &amp;all defaults</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept every proposed change with its default values</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept defaults in this &amp;area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accept every proposed change of the selected finding's area</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Next finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to the next finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Previous finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to the previous finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Find…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find text in both manifests and in the checklist</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find ne&amp;xt</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The next match in the manifest with the focus</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Find pre&amp;vious</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The previous match in the manifest with the focus</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next &amp;change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to the next changed lines in the manifest with the focus (the GPU manifest otherwise)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Previous c&amp;hange</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to the previous changed lines in the manifest with the focus (the GPU manifest otherwise)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Checklist</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move the keyboard focus to the checklist</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;FPGA manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move the keyboard focus to the FPGA manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;GPU manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move the keyboard focus to the GPU manifest (or the objects on the device)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Selected &amp;finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Move the keyboard focus to the selected finding's decision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only what &amp;needs me</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show only findings that wait for a value or a manual step from you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Deployable form</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show createOptions as deployable strings (chunks of 512 characters) instead of expanded objects</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Lock scrolling</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep both manifests scrolled in step, module by module</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>On the &amp;device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the Kubernetes objects the GPU device creates from the manifest (YAML) instead of the GPU manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>FPGA file as &amp;written</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the FPGA manifest's own text, with its comments and createOptions strings as written (the lines MAN007 and load errors name)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show &amp;secrets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show registry passwords and secret values instead of ••••</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Dar&amp;k palette</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Switch between light and dark colours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>List every keyboard shortcut</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;About</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About ASE Migration Assistant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Go</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;View</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;ort the checklist by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Main toolbar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>deployable form</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>expanded createOptions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>; a large file, shown without colours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>as written: its own lines, no change marks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;FPGA manifest&lt;/b&gt; — {name} &lt;i&gt;({form})&lt;/i&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;GPU manifest&lt;/b&gt; — generated, {count} changed line(s) marked &lt;i&gt;({form})&lt;/i&gt;</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source> (and %n more: hover to read them)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>&lt;b&gt;Check before deploying:&lt;/b&gt; {problem}{more}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{error} error(s) · {warning} warning(s) · {info} info — {accepted} of {total} accepted — {needs} need you — {unresolved} unresolved error(s)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;Checklist&lt;/b&gt; — {total} finding(s), {needs} need you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name}[*] — ASE Migration Assistant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{label} is refused: {problem}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The decisions on {name} are not saved. Save them to a file before {doing}? Undo cannot bring them back afterwards.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The decisions on {name} are saved, but a value typed in the detail panel is not.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{label} holds a value that is refused and cannot be saved: {problem}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save the decisions?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>accept {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>reject {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>note on {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>set {name} of {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>accept all defaults</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Select a finding or an area first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>accept defaults in {area}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Defaults: {what}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Every finding already has its default.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Undone: {what}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Redone: {what}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>device: {gpus} GPU(s), {kind}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Converted for a device with %n GPU(s) and {kind} Services.</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>{name} (sample)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot open the file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} cannot be read: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} is not a deployment manifest this tool can read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Line {line}, column {column}: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot open {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opening {name} cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>opening {name}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} is gone from disk; the window keeps what it shows</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>line {line}: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{name} changed on disk and cannot be read now ({where}{reason}); the window keeps the last version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>decisions kept through a reload</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Reloaded {name}: it changed on disk; %n decision(s) kept</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n no longer match a finding</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>closing the manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Errors are not resolved</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n error finding(s) still need you. The GPU manifest may not deploy until they are resolved:</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>Export anyway</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Go to the first error</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export the GPU manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overwrite the input?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} is the FPGA manifest you opened. Write the GPU manifest over it?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Overwrite the input</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{path} could not be written: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exported the GPU manifest to {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> — the decisions are not saved yet (the * in the title): File › Save decisions (Ctrl+S) keeps them for later or for asegui-cli</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export the migration report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A report is written as .html, .md or .json, and never over the manifest.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Wrote the migration report to {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Save decisions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Decisions cannot be saved over the manifest.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saving failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Saved the decisions to {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Load decisions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Cannot load decisions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>load decisions</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>for a device with %n GPU(s) and {kind} Services</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>they were saved for a different version of this manifest</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n decision(s) match no finding here</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>Loaded the decisions from {path}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Opened {name}; drop one manifest at a time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No more changes below</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No more changes above</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as &amp;done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Accept the change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Mark as &amp;not done</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Reject the change</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>E&amp;xplain {code}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy finding &amp;id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy &amp;message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in the FPGA manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in the GPU manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>in the objects on the device</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>{index} of {count} {where}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n finding(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>“{text}” is not in this manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Catalogue order</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Severity</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Module</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Finding</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>S&amp;tatus</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Co&amp;de</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keyboard shortcuts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;p&gt;Hold Shift while scrolling to move one side alone.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;ASE Migration Assistant&lt;/b&gt; {version}&lt;br&gt;Migrates Azure IoT Edge deployment manifests from Azure Stack Edge Pro FPGA to Pro GPU devices, and explains every change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>quitting</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ParamField</name>
        <message>
            <source>at least {minimum}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>at most {maximum}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>a whole number</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>required</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The value of {label} in the GPU manifest, one of: {options}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The value of {label} in the GPU manifest ({hint}); Enter applies it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Why {label} is refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refused: {problem}. {description}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>StartPage</name>
        <message>
            <source>Start page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ASE Migration Assistant logo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>ASE Migration Assistant</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Turn an IoT Edge deployment manifest written for an Azure Stack Edge Pro &lt;b&gt;FPGA&lt;/b&gt; device into one for an Azure Stack Edge Pro &lt;b&gt;GPU&lt;/b&gt; device. Every change is shown and explained; you decide.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What this tool does</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open manifest…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open a deployment manifest (Ctrl+O)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open manifest</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try the sample</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open a realistic FPGA manifest bundled with the app</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>…or drop a .json manifest anywhere on this window. Press F1 for the keyboard shortcuts.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Drop hint</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;b&gt;Recent files&lt;/b&gt;</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recent files</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Double-click or press Enter to open</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No recent files yet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>_ChangeMap</name>
        <message>
            <source>Change map: where the changed lines are</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where the changes are; click to go there</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>errors</name>
        <message>
            <source>Something went wrong</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An unexpected error happened; the window keeps running and your decisions are kept.

{error}</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
