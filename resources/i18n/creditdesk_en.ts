<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/app.py" line="79"/>
        <source>CreditDesk</source>
        <translation>CreditDesk</translation>
    </message>
</context>
<context>
    <name>Badges</name>
    <message>
        <location filename="../../desktop/widgets/badges.py" line="52"/>
        <source>未评</source>
        <extracomment>(fill, text) per credit grade. Chip colours by the chip&apos;s text (the core&apos;s flag labels plus registration states). Registration states that take an entity out of business, and their chip text.</extracomment>
        <translation>n/a</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../desktop/errors.py" line="72"/>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="87"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="91"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../desktop/errors.py" line="40"/>
        <source>本地数据库正被其他操作占用。请稍候几秒再试。</source>
        <translation>The local database is busy with another operation. Please wait a few seconds and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="42"/>
        <source>本地数据库无法写入，可能是磁盘空间不足。请清理磁盘后重试。</source>
        <translation>The local database cannot be written, perhaps because the disk is full. Free some disk space and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="45"/>
        <source>读取本地数据库时出错。请重试；如果问题持续出现，请联系系统管理员。</source>
        <translation>Reading the local database failed. Please try again; if it keeps happening, contact your administrator.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="49"/>
        <source>没有权限读写文件 {0}。请检查文件权限。</source>
        <translation>No permission to read or write {0}. Please check the file permissions.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="53"/>
        <source>无法读写文件 {0}（{1}）。请检查磁盘空间和文件权限。</source>
        <translation>Cannot read or write {0} ({1}). Please check disk space and file permissions.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="57"/>
        <source>内存不足，操作未能完成。请关闭其他程序后重试。</source>
        <translation>Not enough memory to finish. Close other programs and try again.</translation>
    </message>
    <message>
        <location filename="../../desktop/errors.py" line="58"/>
        <source>操作未能完成。请重试；如果问题持续出现，请点“详情”并把内容发给系统管理员。</source>
        <translation>The operation could not be completed. Please try again; if it keeps happening, click “Details” and send the text to your administrator.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <location filename="../../desktop/formatting.py" line="40"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="42"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="53"/>
        <source>已加密（系统钥匙串）</source>
        <translation>encrypted (system keyring)</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="55"/>
        <source>已加密（口令）</source>
        <translation>encrypted (passphrase)</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="56"/>
        <source>已加密</source>
        <translation>encrypted</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="62"/>
        <source>本地数据 {0} 户</source>
        <translation>{0} entities stored locally</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="63"/>
        <source>截至 {0}</source>
        <translation>as of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="65"/>
        <source>尚未同步</source>
        <translation>never synced</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="66"/>
        <source>待上传 {0} 条</source>
        <translation>{0} waiting to upload</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="48"/>
        <location filename="../../desktop/windows/main_window.py" line="80"/>
        <source>CreditDesk 信用监管工作台</source>
        <translation>CreditDesk credit supervision desk</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="74"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="94"/>
        <source>Ctrl+K 或 Ctrl+F 随时回到这里</source>
        <translation>Ctrl+K or Ctrl+F brings you back here at any time</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="101"/>
        <source>正在打开…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="116"/>
        <location filename="../../desktop/windows/main_window.py" line="233"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="125"/>
        <location filename="../../desktop/windows/main_window.py" line="239"/>
        <source>关于 CreditDesk</source>
        <translation>About CreditDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="153"/>
        <source>将在后续版本提供</source>
        <translation>Coming in a later version</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="156"/>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="157"/>
        <source>窗口核查</source>
        <translation>Counter checks</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="158"/>
        <source>信用承诺</source>
        <translation>Credit commitments</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="159"/>
        <source>检查任务</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="160"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="174"/>
        <source>正在打开本地数据…</source>
        <translation>Opening local data…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="192"/>
        <source>{0} · 设备 {1}</source>
        <translation>{0} · device {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="206"/>
        <source>本地数据以 SQLCipher 加密保存</source>
        <translation>Local data is stored encrypted with SQLCipher</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="233"/>
        <source>界面语言将在下次启动 CreditDesk 时切换。</source>
        <translation>The language changes the next time CreditDesk starts.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="241"/>
        <source>CreditDesk 信用监管工作台

本地数据加密保存，断网也能查询。
界面字体：文泉驿微米黑（Apache-2.0 / GPL-3+ 字体例外）。</source>
        <translation>CreditDesk credit supervision desk

Local data is encrypted and can be searched offline.
UI font: WenQuanYi Micro Hei (Apache-2.0 / GPL-3+ with font exception).</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="30"/>
        <source>设置数据口令</source>
        <translation>Set a data passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="30"/>
        <source>解锁本地数据</source>
        <translation>Unlock local data</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="47"/>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="49"/>
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="50"/>
        <source>至少 {0} 个字符</source>
        <translation>at least {0} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="55"/>
        <source>设置口令</source>
        <translation>Set passphrase</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="55"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="57"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="73"/>
        <source>请输入口令。</source>
        <translation>Please enter the passphrase.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="75"/>
        <source>口令至少需要 {0} 个字符。</source>
        <translation>The passphrase needs at least {0} characters.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/passphrase_dialog.py" line="77"/>
        <source>两次输入的口令不一致，请重新输入。</source>
        <translation>The two entries differ. Please enter the passphrase again.</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="125"/>
        <source>信用等级 {0}</source>
        <extracomment>Sections whose few columns fit side by side; the others show each record as a label/value card. List sections that call for attention rather than a restriction: amber, not red. Sections whose every field is shown even when empty (a missing 证件号码 is itself telling).</extracomment>
        <translation>Credit grade {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="129"/>
        <source>暂无信用等级</source>
        <translation>No credit grade yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="135"/>
        <source>登记状态：{0}</source>
        <translation>Registration status: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="136"/>
        <source>数据截至 {0}</source>
        <translation>Data as of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="137"/>
        <source>统一社会信用代码：{0}</source>
        <translation>USCC: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="154"/>
        <source>暂无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="30"/>
        <source>本地数据中没有代码为 {0} 的主体。</source>
        <translation>No entity with code {0} in the local data.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="31"/>
        <source>未找到该主体</source>
        <translation>Entity not found</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="35"/>
        <source>查询主体信用信息</source>
        <translation>Look up an entity&apos;s credit record</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="37"/>
        <source>在上方输入统一社会信用代码、名称或拼音首字母，结果随输入出现。</source>
        <translation>Type a USCC, part of a name or pinyin initials above; results appear as you type.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="38"/>
        <source>按回车打开最匹配的主体，上下方向键选择其他结果，Esc 清空。</source>
        <translation>Enter opens the best match, the arrow keys choose another result, Esc clears.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="39"/>
        <source>用扫码枪扫描营业执照二维码，也可以直接查询。</source>
        <translation>Scanning a business licence QR code with a barcode scanner works too.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="40"/>
        <source>随时按 Ctrl+K 回到搜索框。</source>
        <translation>Press Ctrl+K at any time to return to the search box.</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../desktop/models/results_model.py" line="40"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="41"/>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="42"/>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="43"/>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="44"/>
        <source>所属区划</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="105"/>
        <source>登记状态：{0}</source>
        <translation>Registration status: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="107"/>
        <source>法定代表人（负责人）：{0}</source>
        <translation>Legal representative: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="108"/>
        <source>信用等级：{0}</source>
        <translation>Credit grade: {0}</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <location filename="../../desktop/widgets/search_widgets.py" line="31"/>
        <source>输入统一社会信用代码、名称或拼音首字母…</source>
        <translation>Type a USCC, name or pinyin initials…</translation>
    </message>
</context>
<context>
    <name>SearchPane</name>
    <message>
        <location filename="../../desktop/views/search_view.py" line="224"/>
        <source>没有找到与“{0}”匹配的主体。可以试试名称中的其他字词或拼音首字母。</source>
        <translation>No entity matches “{0}”. Try other words from the name, or pinyin initials.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_view.py" line="229"/>
        <source>找到 {0} 个主体</source>
        <translation>{0} entities found</translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_view.py" line="237"/>
        <source>可输入代码、名称、拼音首字母，或直接扫描营业执照二维码</source>
        <translation>Type a code, a name or pinyin initials, or scan a business licence QR code</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../desktop/startup.py" line="119"/>
        <source>请输入口令解锁本地数据。</source>
        <extracomment>Exit codes: the key cannot be had (keyring lost it), the user declined to unlock, other failure. ``ask(reason, new, error) -&gt; passphrase or None``; replaceable in tests. The application should end with this exit code (the app connects it to ``exit``).</extracomment>
        <translation>Enter the passphrase to unlock the local data.</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="138"/>
        <source>无法打开本地数据</source>
        <translation>Cannot open the local data</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="158"/>
        <source>首次使用：正在生成 {0} 户演示数据…</source>
        <translation>First start: generating {0} demo entities…</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="159"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="163"/>
        <source>CreditDesk 信用监管工作台</source>
        <translation>CreditDesk credit supervision desk</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="187"/>
        <source>尚无本地数据</source>
        <translation>No local data yet</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="189"/>
        <source>演示数据的生成已取消，本地缓存仍为空。</source>
        <translation>Generating the demo data was cancelled; the local cache is still empty.</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="190"/>
        <source>下次启动时会重新生成演示数据。</source>
        <translation>The demo data will be generated at the next start.</translation>
    </message>
    <message>
        <location filename="../../desktop/startup.py" line="204"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>CheckView</name>
    <message>
        <location filename="../../desktop/views/check_view.py" line="187"/>
        <source>输入统一社会信用代码，或扫描营业执照二维码</source>
        <translation>Enter the unified social credit code, or scan the business licence QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="191"/>
        <source>使用查询中的主体</source>
        <translation>Use entity open in Search</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="193"/>
        <source>在“查询”中打开主体后可用（Ctrl+E）</source>
        <translation>Available after opening an entity in Search (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="208"/>
        <source>已进行准入前诚信教育</source>
        <translation>Pre-admission integrity education given</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="210"/>
        <source>核查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="214"/>
        <source>回车即核查</source>
        <translation>Press Enter to check</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="222"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="224"/>
        <source>审批事项</source>
        <translation>Approval matter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="272"/>
        <source>打印/保存报告</source>
        <translation>Print/save report</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="275"/>
        <source>生成核查报告 PDF 并打开，可从查看器打印（Ctrl+P）</source>
        <translation>Write the check report PDF and open it to print from the viewer (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="360"/>
        <source>填入 {0}（{1}）（Ctrl+E）</source>
        <translation>Fill in {0} ({1}) (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="391"/>
        <source>请输入或扫描统一社会信用代码。</source>
        <translation>Enter or scan a unified social credit code.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="399"/>
        <source>请选择审批事项。</source>
        <translation>Choose an approval matter.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="412"/>
        <source>正在核查 {0} …</source>
        <translation>Checking {0} …</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="440"/>
        <source>未核查：代码 {0} 校验位不符，未确认使用。请与营业执照原件核对。</source>
        <translation>Not checked: the check characters of {0} do not match and its use was not confirmed. Compare it with the original business licence.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="450"/>
        <source>核查未完成，未记录。</source>
        <translation>The check did not complete and nothing was recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="468"/>
        <source>{0} · {1} · {2}</source>
        <translation>{0} · {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="472"/>
        <source>原因（{0} 项）</source>
        <translation>Reasons ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="477"/>
        <source>未发现限制办理“{0}”的失信记录（已比对 {1} 项惩戒措施）。</source>
        <translation>No record found that restricts “{0}” ({1} measures compared).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="484"/>
        <source>数据截至 {0} · 核查时间 {1} · 核查人 {2}（{3}）</source>
        <translation>Data as of {0} · checked {1} · by {2} ({3})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="485"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="491"/>
        <source>报告验证码 {0}</source>
        <translation>Report verification code {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="527"/>
        <source>输入或扫描统一社会信用代码，选择审批事项，按回车核查。
核查结果与原因会记入核查记录和审计日志，并在联网后上传信用平台。</source>
        <translation>Enter or scan the unified social credit code, choose the approval matter and press Enter.
The verdict and its reasons are recorded in the check records and the audit log, and uploaded to the credit platform when online.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="541"/>
        <source>正在生成报告…</source>
        <translation>Writing the report…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="553"/>
        <source>报告已保存到 {0}</source>
        <translation>Report saved to {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="555"/>
        <source>。未能打开 PDF 查看器，请在文件夹中打开报告后打印</source>
        <translation>. No PDF viewer could be opened; open the report from its folder to print it</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="564"/>
        <source>报告未能生成。</source>
        <translation>The report could not be written.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="580"/>
        <source>代码校验位不符</source>
        <translation>Check characters do not match</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="581"/>
        <source>{0}

请与营业执照原件核对。确认使用该代码时请填写原因（将记入审计日志）：</source>
        <translation>{0}

Compare with the original business licence. To use this code anyway, give a reason (recorded in the audit log):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="584"/>
        <source>已核对营业执照原件，代码一致</source>
        <translation>Checked against the original business licence; the code matches</translation>
    </message>
</context>
<context>
    <name>ReasonCard</name>
    <message>
        <location filename="../../desktop/views/check_view.py" line="94"/>
        <source>触发记录：{0}</source>
        <translation>Triggering record: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="97"/>
        <source>期限至 {0}</source>
        <translation>Until {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="99"/>
        <source>期限：未载明截止日期</source>
        <translation>Period: no end date stated</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="102"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="105"/>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../desktop/views/verdict_widget.py" line="27"/>
        <source>通过</source>
        <extracomment>(fill, text) per verdict; 限制办理 sits between the amber of 提示关注 and the red of 禁止办理.</extracomment>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../desktop/views/verdict_widget.py" line="28"/>
        <source>提示关注</source>
        <translation>Caution</translation>
    </message>
    <message>
        <location filename="../../desktop/views/verdict_widget.py" line="29"/>
        <source>限制办理</source>
        <translation>Restricted</translation>
    </message>
    <message>
        <location filename="../../desktop/views/verdict_widget.py" line="30"/>
        <source>禁止办理</source>
        <translation>Prohibited</translation>
    </message>
</context>
</TS>
