<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/app.py" line="87"/>
        <source>CreditDesk</source>
        <translation>CreditDesk</translation>
    </message>
</context>
<context>
    <name>Badges</name>
    <message>
        <location filename="../../desktop/widgets/badges.py" line="64"/>
        <source>未评</source>
        <extracomment>(fill, text) per credit grade. Chip colours by the chip&apos;s text (the core&apos;s flag labels plus registration states). Registration states that take an entity out of business, and their chip text.</extracomment>
        <translation>n/a</translation>
    </message>
</context>
<context>
    <name>BatchCheckView</name>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="122"/>
        <source>选择或拖入 CSV / XLSX 名单（含“统一社会信用代码”列，可带“名称”列），选择审批事项后开始核查。
每一户的核查都会记入核查记录和审计日志；代码有误或本地无此主体的行会逐行标出，不会中断核查。</source>
        <translation>Choose or drop a CSV / XLSX list (with a “统一社会信用代码” (USCC) column, optionally a “名称” (name) column), choose the approval matter and start the check.
Every entity checked is recorded in the check records and the audit log; rows with a wrong code or no such entity here are flagged one by one without stopping the batch.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="136"/>
        <source>选择或拖入 CSV / XLSX 名单文件…</source>
        <translation>Choose or drop a CSV / XLSX list file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="137"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="148"/>
        <source>开始批量核查</source>
        <translation>Start batch check</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="158"/>
        <source>名单文件</source>
        <translation>List file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="160"/>
        <source>审批事项</source>
        <translation>Approval matter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="174"/>
        <source>%p%</source>
        <translation>%p%</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="177"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="179"/>
        <source>停止核查；已取消的批量核查不记录任何核查</source>
        <translation>Stop checking; a cancelled batch records no checks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="212"/>
        <source>显示全部行</source>
        <translation>Show all rows</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="213"/>
        <source>只看需关注的行（未通过或未核查）</source>
        <translation>Only rows needing attention (not passed or not checked)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="214"/>
        <source>只看未核查的行（代码有误、本地无此主体、重复）</source>
        <translation>Only rows not checked (wrong code, unknown entity, duplicate)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="250"/>
        <source>导出 XLSX</source>
        <translation>Export XLSX</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="252"/>
        <source>每行一条结论和原因，另附汇总表</source>
        <translation>One verdict and its reasons per row, plus a summary sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="254"/>
        <source>导出并打印 PDF…</source>
        <translation>Export and print PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="257"/>
        <source>保存一份合并的核查结果 PDF（汇总与逐行结论），然后打开打印对话框</source>
        <translation>Save one combined PDF of the results (summary and each row’s verdict), then open the print dialog</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="313"/>
        <source>选择名单文件</source>
        <translation>Choose list file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="315"/>
        <source>名单文件 (*.csv *.xlsx *.xlsm);;所有文件 (*)</source>
        <translation>List files (*.csv *.xlsx *.xlsm);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="356"/>
        <source>请先选择名单文件（CSV 或 XLSX）。</source>
        <translation>Choose a list file (CSV or XLSX) first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="360"/>
        <source>请选择审批事项。</source>
        <translation>Choose an approval matter.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="380"/>
        <source>正在读取名单…</source>
        <translation>Reading the list…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="381"/>
        <source>正在核查“{0}”…</source>
        <translation>Checking “{0}”…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="398"/>
        <location filename="../../desktop/views/batch_view.py" line="404"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="409"/>
        <source>已处理 {0} / {1} 行</source>
        <translation>Rows processed: {0} / {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="423"/>
        <source>取消时批量核查已经完成，结果已记录，显示如下。</source>
        <translation>The batch had already finished when it was cancelled; the results are recorded and shown below.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="426"/>
        <source>已取消批量核查，未记录任何核查。</source>
        <translation>Batch check cancelled; no checks were recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="436"/>
        <source>批量核查未完成，未记录任何核查。</source>
        <translation>The batch check did not finish; no checks were recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="462"/>
        <source>{0}（未设置单位）</source>
        <translation>{0} (no unit set)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="464"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="467"/>
        <source>名单 {0}（代码列“{1}”） · {2}（{3}） · 核查时间 {4} · 数据截至 {5} · 核查人 {6}</source>
        <translation>List {0} (code column “{1}”) · {2} ({3}) · checked {4} · data as of {5} · by {6}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="473"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="497"/>
        <source>正在导出 {0}…</source>
        <translation>Exporting {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="509"/>
        <source>正在生成 PDF…</source>
        <translation>Writing the PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="518"/>
        <source>正在写入 PDF 文件…</source>
        <translation>Saving the PDF file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="520"/>
        <source>正在生成 PDF：{0}%</source>
        <translation>Writing the PDF: {0}%</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="526"/>
        <source>已取消导出 PDF，未生成文件。</source>
        <translation>PDF export cancelled; no file was written.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="532"/>
        <source>{0} 已保存到 {1}</source>
        <translation>{0} saved to {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="534"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="544"/>
        <source>。未能自动打开，请在文件夹中打开</source>
        <translation>. It could not be opened automatically; open it from the folder</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="552"/>
        <source>导出未完成。</source>
        <translation>The export did not finish.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/batch_view.py" line="570"/>
        <source>共 {0} 行，已核查 {1} 户</source>
        <translation>Rows: {0} · entities checked: {1}</translation>
    </message>
</context>
<context>
    <name>BatchModel</name>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="48"/>
        <source>行号</source>
        <extracomment>(text, fill, ink) of the badge in the verdict column. Filter modes of :class:`BatchFilter`.</extracomment>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="49"/>
        <source>输入内容</source>
        <translation>Input</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="50"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="51"/>
        <source>核查结论</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="52"/>
        <source>原因 / 说明</source>
        <translation>Reasons / notes</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="110"/>
        <source>第 {0} 行：{1}</source>
        <translation>Row {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="110"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="112"/>
        <source>统一社会信用代码：{0}</source>
        <translation>USCC: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="119"/>
        <source>核验码：{0}</source>
        <translation>Verification code: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="126"/>
        <source>已核查</source>
        <translation>Checked</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="127"/>
        <source>代码格式错误</source>
        <translation>Malformed code</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="128"/>
        <source>校验位不符</source>
        <translation>Bad check character</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="129"/>
        <source>本地无此主体</source>
        <translation>No such entity here</translation>
    </message>
    <message>
        <location filename="../../desktop/models/batch_model.py" line="130"/>
        <source>重复</source>
        <translation>Duplicate</translation>
    </message>
</context>
<context>
    <name>CheckView</name>
    <message>
        <location filename="../../desktop/views/check_view.py" line="203"/>
        <source>输入统一社会信用代码，或扫描营业执照二维码</source>
        <translation>Enter the Unified Social Credit Code (USCC), or scan the business licence QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="206"/>
        <source>使用查询中的主体</source>
        <translation>Use entity open in Look up</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="208"/>
        <source>在“查询”中打开主体后可用（Ctrl+E）</source>
        <translation>Available once an entity is open in Look up (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="223"/>
        <source>已进行准入前诚信教育</source>
        <translation>Pre-admission integrity education given</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="225"/>
        <source>核查</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="229"/>
        <source>回车即核查</source>
        <translation>Press Enter to check</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="240"/>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="242"/>
        <source>审批事项</source>
        <translation>Approval matter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="290"/>
        <source>打印/保存报告</source>
        <translation>Print / save report</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="186"/>
        <source>单户核查</source>
        <translation>Single check</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="187"/>
        <source>批量核查</source>
        <translation>Batch check</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="293"/>
        <source>生成并保存核查报告 PDF，然后打开打印对话框（Ctrl+P）</source>
        <translation>Write and save the check report PDF, then open the print dialog (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="374"/>
        <source>填入 {0}（{1}）（Ctrl+E）</source>
        <translation>Fill in {0} ({1}) (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="405"/>
        <source>请输入或扫描统一社会信用代码。</source>
        <translation>Enter or scan a Unified Social Credit Code (USCC).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="413"/>
        <source>请选择审批事项。</source>
        <translation>Choose an approval matter.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="426"/>
        <source>正在核查 {0} …</source>
        <translation>Checking {0} …</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="454"/>
        <source>未核查：代码 {0} 校验位不符，未确认使用。请与营业执照原件核对。</source>
        <translation>Not checked: the check characters of {0} do not match and its use was not confirmed. Compare it with the original business licence.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="464"/>
        <source>核查未完成，未记录。</source>
        <translation>The check did not finish and nothing was recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="483"/>
        <source>{0} · {1} · {2}</source>
        <translation>{0} · {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="487"/>
        <source>原因（{0} 项）</source>
        <translation>Reasons ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="492"/>
        <source>未发现限制办理“{0}”的失信记录（已比对 {1} 项惩戒措施）。</source>
        <translation>No dishonesty record found that restricts “{0}” (punishment measures compared: {1}).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="499"/>
        <source>数据截至 {0} · 核查时间 {1} · 核查人 {2}（{3}）</source>
        <translation>Data as of {0} · checked {1} · by {2} ({3})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="500"/>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="506"/>
        <source>报告验证码 {0}</source>
        <translation>Report verification code {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="544"/>
        <source>输入或扫描统一社会信用代码，选择审批事项，按回车核查。
核查结果与原因会记入核查记录和审计日志，并在联网后上传信用平台。</source>
        <translation>Enter or scan the Unified Social Credit Code (USCC), choose the approval matter and press Enter.
The verdict and its reasons are recorded in the check records and the audit log, and uploaded to the credit platform when online.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="558"/>
        <source>正在生成报告…</source>
        <translation>Writing the report…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="571"/>
        <source>报告已保存到 {0}。</source>
        <translation>Report saved to {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="584"/>
        <source>报告未能生成。</source>
        <translation>The report could not be written.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="597"/>
        <source>代码校验位不符</source>
        <translation>Check characters do not match</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="598"/>
        <source>{0}

请与营业执照原件核对。确认使用该代码时请填写原因（将记入审计日志）：</source>
        <translation>{0}

Compare with the original business licence. To use this code anyway, give a reason (recorded in the audit log):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="601"/>
        <source>已核对营业执照原件，代码一致</source>
        <translation>Checked against the original business licence; the code matches</translation>
    </message>
</context>
<context>
    <name>ChecklistRow</name>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="104"/>
        <source>{0}. {1}</source>
        <translation>{0}. {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="104"/>
        <source>（选查）</source>
        <translation> (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="108"/>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="121"/>
        <source>符合</source>
        <translation>Compliant</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="121"/>
        <source>不符合</source>
        <translation>Non-compliant</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="121"/>
        <source>不适用</source>
        <translation>N/A</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="132"/>
        <source>情况说明（判为不符合时必填）</source>
        <translation>Notes (required when non-compliant)</translation>
    </message>
</context>
<context>
    <name>Chip</name>
    <message>
        <location filename="../../desktop/core_labels.py" line="154"/>
        <source>严重失信</source>
        <extracomment>Profile fields whose values the core words with those phrases, and the phrases each may hold. Any other value is data, shown as it is even when it reads like a phrase (a penalty&apos;s content &quot;… 至 …&quot; is the authority&apos;s words).</extracomment>
        <translation>Serious dishonesty</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="155"/>
        <source>重点关注</source>
        <translation>Watch list</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="156"/>
        <source>经营异常</source>
        <translation>Abnormal operations</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="157"/>
        <source>失信被执行人</source>
        <translation>Judgment defaulter</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="158"/>
        <source>已吊销</source>
        <translation>Licence revoked</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="159"/>
        <source>已注销</source>
        <translation>Deregistered</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="160"/>
        <source>已撤销</source>
        <translation>Registration cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="161"/>
        <source>已迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="162"/>
        <source>待检查</source>
        <translation>To do</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="163"/>
        <source>检查中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="164"/>
        <source>已检查</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="165"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="166"/>
        <source>发现问题</source>
        <translation>Problem found</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="167"/>
        <source>整改期内</source>
        <translation>Rectifying</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="168"/>
        <source>逾期未整改</source>
        <translation>Order overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="169"/>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="170"/>
        <source>逾期整改</source>
        <translation>Rectified late</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="171"/>
        <source>复查未整改</source>
        <translation>Not rectified</translation>
    </message>
</context>
<context>
    <name>CommitmentDetail</name>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="73"/>
        <source>打印承诺书</source>
        <translation>Print commitment letter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="76"/>
        <source>生成并保存信用承诺书 PDF，然后打开打印对话框，供承诺人签字盖章</source>
        <translation>Write and save the credit commitment letter PDF, then open the print dialog, for the committer to sign and seal</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="79"/>
        <source>认定履行情况…</source>
        <translation>Determine fulfilment…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="82"/>
        <source>查看主体信用信息</source>
        <translation>View entity credit record</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="119"/>
        <source>选择左侧列表中的一份承诺，这里会显示它的全部内容。</source>
        <translation>Choose a commitment in the list on the left to see all of it here.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="134"/>
        <source>未指定</source>
        <translation>not specified</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="135"/>
        <source>至 {0}</source>
        <translation>until {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="135"/>
        <source>长期</source>
        <translation>open-ended</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="136"/>
        <source>已进行准入前诚信教育</source>
        <translation>Pre-admission integrity education given</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="136"/>
        <source>未记录</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="138"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="140"/>
        <source>承诺人</source>
        <translation>Committer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="141"/>
        <source>代码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="142"/>
        <source>承诺类型</source>
        <translation>Commitment type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="143"/>
        <source>审批事项</source>
        <translation>Approval matter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="144"/>
        <source>承诺事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="145"/>
        <source>作出日期</source>
        <translation>Date made</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="146"/>
        <source>有效期</source>
        <translation>Validity</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="147"/>
        <source>受理单位</source>
        <translation>Accepting unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="148"/>
        <source>公开类型</source>
        <translation>Disclosure</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="149"/>
        <source>诚信教育</source>
        <translation>Integrity education</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="153"/>
        <source>容缺材料</source>
        <translation>Materials pending</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="154"/>
        <source>补齐期限</source>
        <translation>Deadline for materials</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="158"/>
        <source>状态认定日期</source>
        <translation>Date determined</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="159"/>
        <source>认定单位</source>
        <translation>Determining unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="162"/>
        <source>未履行内容</source>
        <translation>What was not fulfilled</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="164"/>
        <source>违诺责任追究</source>
        <translation>Liability pursued</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="167"/>
        <source>登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="168"/>
        <source>{0}（{1}） · {2} · 第 {3} 版</source>
        <translation>{0} ({1}) · {2} · version {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="175"/>
        <source>承诺编码</source>
        <translation>Commitment code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="175"/>
        <source>承诺内容</source>
        <translation>Content of the commitment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="176"/>
        <source>违诺责任</source>
        <translation>Liability for breach</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="212"/>
        <source>正在生成信用承诺书…</source>
        <translation>Writing the credit commitment letter…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="222"/>
        <source>信用承诺书已保存到 {0}。</source>
        <translation>Credit commitment letter saved to {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_detail.py" line="235"/>
        <source>信用承诺书未能生成。</source>
        <translation>The credit commitment letter could not be written.</translation>
    </message>
</context>
<context>
    <name>CommitmentForm</name>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="128"/>
        <source>与证照或身份证件一致</source>
        <translation>As on the licence or ID document</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="129"/>
        <source>使用查询中的主体</source>
        <translation>Use entity open in Look up</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="131"/>
        <source>在“查询”中打开主体后可用（Ctrl+E）</source>
        <translation>Available once an entity is open in Look up (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="135"/>
        <location filename="../../desktop/views/commitment_form.py" line="421"/>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="138"/>
        <location filename="../../desktop/views/commitment_form.py" line="423"/>
        <source>输入或扫描营业执照二维码</source>
        <translation>Enter, or scan the business licence QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="147"/>
        <source>例如：申请食品经营许可</source>
        <translation>e.g. application for a food business licence</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="149"/>
        <source>截止至</source>
        <translation>Until</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="151"/>
        <source>不勾选即长期有效</source>
        <translation>Leave unticked for open-ended validity</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="157"/>
        <source>已进行准入前诚信教育</source>
        <translation>Pre-admission integrity education given</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="162"/>
        <source>每行一项，例如：
场所平面图
从业人员健康证明</source>
        <translation>One per line, e.g.:
floor plan of the premises
staff health certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="168"/>
        <source>请填写</source>
        <translation>required</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="169"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="177"/>
        <source>容缺受理</source>
        <translation>Acceptance with materials pending</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="180"/>
        <location filename="../../desktop/views/commitment_form.py" line="493"/>
        <source>容缺材料</source>
        <translation>Materials pending</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="181"/>
        <location filename="../../desktop/views/commitment_form.py" line="498"/>
        <source>补齐期限</source>
        <translation>Deadline for materials</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="188"/>
        <location filename="../../desktop/views/commitment_form.py" line="190"/>
        <source>恢复模板文字</source>
        <translation>Restore template text</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="192"/>
        <source>文字按所选承诺类型和审批事项的模板生成，随表单更新；可直接修改。</source>
        <translation>The text follows the template of the chosen commitment type and approval matter and updates with the form; you can edit it directly.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="206"/>
        <source>登记承诺</source>
        <translation>Register commitment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="212"/>
        <source>承诺人</source>
        <translation>Committer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="217"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="218"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="221"/>
        <source>承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="223"/>
        <source>承诺类型</source>
        <translation>Commitment type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="224"/>
        <source>审批事项</source>
        <translation>Approval matter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="225"/>
        <location filename="../../desktop/views/commitment_form.py" line="490"/>
        <source>承诺事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="229"/>
        <source>作出日期</source>
        <translation>Date made</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="234"/>
        <source>有效期</source>
        <translation>Validity</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="235"/>
        <location filename="../../desktop/views/commitment_form.py" line="491"/>
        <source>受理单位</source>
        <translation>Accepting unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="236"/>
        <source>公开类型</source>
        <translation>Disclosure</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="246"/>
        <source>承诺书文字</source>
        <translation>Commitment letter text</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="249"/>
        <source>承诺内容</source>
        <translation>Content of the commitment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="250"/>
        <source>违诺责任</source>
        <translation>Liability for breach</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="349"/>
        <source>（不涉及具体审批事项）</source>
        <translation>(no specific approval matter)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="362"/>
        <source>填入 {0}（{1}）（Ctrl+E）</source>
        <translation>Fill in {0} ({1}) (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="421"/>
        <source>身份证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="423"/>
        <source>18位居民身份证号码</source>
        <translation>18-digit resident ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="448"/>
        <source>请填写补齐材料的期限（工作日数）。</source>
        <translation>Enter the deadline for the missing materials (in working days).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="462"/>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="463"/>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="464"/>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="465"/>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="466"/>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="467"/>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="468"/>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="470"/>
        <source>，调休上班日</source>
        <translation>, a make-up working day</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="471"/>
        <source>应于 {0}（{1}{2}）前补齐：自作出日期次日起第 {3} 个工作日，已扣除法定节假日。</source>
        <translation>Materials due by {0} ({1}{2}): working day {3} counted from the day after the date made, public holidays excluded.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="489"/>
        <source>承诺人名称</source>
        <translation>committer name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="569"/>
        <source>未登记：代码 {0} 校验位不符，未确认使用。请与营业执照原件核对。</source>
        <translation>Not registered: the check characters of {0} do not match and its use was not confirmed. Compare it with the original business licence.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitment_form.py" line="597"/>
        <source>承诺未登记，填写的内容仍在表单中。</source>
        <translation>The commitment was not registered; what you entered is still in the form.</translation>
    </message>
</context>
<context>
    <name>Commitments</name>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="34"/>
        <source>到期情况</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="35"/>
        <source>承诺编码</source>
        <translation>Commitment code</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="36"/>
        <source>承诺人</source>
        <translation>Committer</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="37"/>
        <source>代码</source>
        <translation>Committer code</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="38"/>
        <source>承诺类型</source>
        <translation>Commitment type</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="39"/>
        <source>作出日期</source>
        <translation>Date made</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="40"/>
        <source>补齐期限</source>
        <translation>Materials due</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="41"/>
        <source>待补材料</source>
        <translation>Materials pending</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="42"/>
        <source>履行状态</source>
        <translation>Fulfilment</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="43"/>
        <source>承诺事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="52"/>
        <source>待认定</source>
        <translation>Not yet determined</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="78"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="83"/>
        <source>今日到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="85"/>
        <source>即将到期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="156"/>
        <source>承诺事由：{0}</source>
        <translation>Purpose: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/commitments_model.py" line="159"/>
        <source>补齐期限：{0}</source>
        <translation>Deadline for materials: {0}</translation>
    </message>
</context>
<context>
    <name>CommitmentsView</name>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="186"/>
        <source>登记承诺</source>
        <extracomment>Working days ahead that count as &quot;due soon&quot; (the issue&apos;s 3).</extracomment>
        <translation>Register commitment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="187"/>
        <source>到期提醒</source>
        <translation>Due reminders</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="188"/>
        <source>承诺查询</source>
        <translation>Find commitments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="217"/>
        <source>登记新的承诺</source>
        <translation>Register a new commitment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="236"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="253"/>
        <source>输入承诺编码、承诺人代码或名称；留空列出最近登记的承诺</source>
        <translation>Commitment code, committer code or name; leave empty to list the latest commitments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="316"/>
        <source>已登记信用承诺，承诺编码 {0}。</source>
        <translation>Credit commitment registered, commitment code {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="319"/>
        <source>请打印信用承诺书，由承诺人签字（盖章）后归档；该承诺已记入审计日志，联网后上传信用平台。</source>
        <translation>Print the credit commitment letter and file it once the committer has signed (and sealed) it; the commitment is in the audit log and is uploaded to the credit platform when online.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="340"/>
        <source>到期提醒按本单位列出容缺受理承诺。</source>
        <translation>Due reminders list your unit’s commitments accepted with materials pending.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="343"/>
        <source>本机尚未设置所在单位，无法列出本单位的到期承诺。请在 operator.json 中填写 unit。</source>
        <translation>No unit is set on this computer, so your unit’s due commitments cannot be listed. Fill in “unit” in operator.json.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="364"/>
        <source>{0} · 以 {1} 计：已逾期 &lt;b&gt;{2}&lt;/b&gt; 件，{3} 个工作日内到期 &lt;b&gt;{4}&lt;/b&gt; 件</source>
        <translation>{0} · as of {1}: overdue &lt;b&gt;{2}&lt;/b&gt;, due within {3} working days &lt;b&gt;{4}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="370"/>
        <source>没有已逾期或 {0} 个工作日内到期的容缺受理承诺。
新登记的容缺受理承诺在补齐期限前 {0} 个工作日起出现在这里。</source>
        <translation>No commitment with materials pending is overdue or due within {0} working days.
New ones appear here from {0} working days before their deadline.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="382"/>
        <source>到期提醒暂不可用</source>
        <translation>Due reminders are not available right now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="410"/>
        <source>没有找到与“{0}”相符的信用承诺（按承诺编码、承诺人代码或名称查找）。</source>
        <translation>No credit commitment matches “{0}” (searched by commitment code, committer code or name).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="413"/>
        <source>本机尚未登记信用承诺。在“登记承诺”中登记后，可在这里查找。</source>
        <translation>No credit commitments registered on this computer yet. Once registered under “Register commitment”, they can be found here.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="416"/>
        <source>显示最近 {0} 条</source>
        <translation>showing the latest {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/commitments_view.py" line="416"/>
        <source>共 {0} 条</source>
        <translation>{0} in all</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="85"/>
        <source>承诺已被他人修改</source>
        <translation>The commitment was changed by someone else</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="94"/>
        <source>黄色为两版不同之处。可保留您的修改（下次同步时基于平台第 {0} 版重新上传），采用平台记录（本机随之更新，不再上传），或在右列逐项选择后合并。</source>
        <translation>Differences are highlighted in yellow. Keep your changes (sent again at the next sync on top of the platform&apos;s version {0}), take the platform&apos;s record (this laptop is updated and sends nothing), or choose field by field in the right-hand column and merge.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="99"/>
        <source>黄色为两版不同之处。可保留您的修改（将基于第 {0} 版重新提交），采用当前记录（放弃您的修改），或在右列逐项选择后合并。</source>
        <translation>Yellow marks where the two versions differ. Keep your changes (resubmitted on version {0}), take the current record (dropping your changes), or choose field by field in the right-hand column and merge.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="113"/>
        <source>当前记录（第 {0} 版）</source>
        <translation>Current record (version {0})</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="113"/>
        <source>共享平台上的记录（第 {0} 版）</source>
        <translation>Record on the sharing platform (version {0})</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="115"/>
        <source>您的修改（基于第 {0} 版）</source>
        <translation>Your changes (on version {0})</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="116"/>
        <source>合并时采用</source>
        <translation>Use when merging</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="146"/>
        <source>当前</source>
        <translation>Current</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="146"/>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="147"/>
        <source>我的</source>
        <translation>Mine</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="159"/>
        <source>相同</source>
        <translation>Same</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="168"/>
        <source>保留我的修改</source>
        <translation>Keep my changes</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="170"/>
        <source>基于第 {0} 版重新提交您的修改</source>
        <translation>Resubmit your changes on version {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="171"/>
        <source>采用当前记录</source>
        <translation>Take current record</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="171"/>
        <source>采用平台记录</source>
        <translation>Take the platform&apos;s record</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="173"/>
        <source>放弃您的修改，不写入任何内容</source>
        <translation>Drop your changes; nothing is written</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="174"/>
        <source>按所选逐项合并</source>
        <translation>Merge as chosen</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="177"/>
        <source>返回修改</source>
        <translation>Back to editing</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="177"/>
        <source>稍后处理</source>
        <translation>Decide later</translation>
    </message>
</context>
<context>
    <name>CoreTerm</name>
    <message>
        <location filename="../../desktop/core_labels.py" line="182"/>
        <source>审批替代型</source>
        <translation>Replaces approval</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="183"/>
        <source>容缺受理型</source>
        <translation>Acceptance with materials pending</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="184"/>
        <source>证明事项型</source>
        <translation>Replaces certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="185"/>
        <source>信用修复型</source>
        <translation>Credit repair</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="186"/>
        <source>行业自律型</source>
        <translation>Industry self-regulation</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="187"/>
        <source>主动型</source>
        <translation>Voluntary</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="188"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="189"/>
        <source>法人及非法人组织</source>
        <translation>Legal person or other organisation</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="190"/>
        <source>自然人</source>
        <translation>Natural person</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="191"/>
        <source>个体工商户</source>
        <translation>Individual business</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="192"/>
        <source>可向社会公开</source>
        <translation>Public</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="193"/>
        <source>特定范围内公开</source>
        <translation>Restricted disclosure</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="194"/>
        <source>不可公开</source>
        <translation>Not disclosed</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="195"/>
        <source>全部履行</source>
        <translation>Fulfilled</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="196"/>
        <source>部分履行</source>
        <translation>Partly fulfilled</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="197"/>
        <source>全部未履行</source>
        <translation>Not fulfilled</translation>
    </message>
</context>
<context>
    <name>DueDays</name>
    <message numerus="yes">
        <location filename="../../desktop/models/commitments_model.py" line="64"/>
        <source>逾期 %n 个工作日</source>
        <translation>
            <numerusform>%n working day overdue</numerusform>
            <numerusform>%n working days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/models/commitments_model.py" line="67"/>
        <source>剩余 %n 个工作日</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
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
        <location filename="../../desktop/formatting.py" line="41"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="43"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="54"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="59"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="64"/>
        <source>已加密（系统钥匙串）</source>
        <translation>encrypted (system keyring)</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="66"/>
        <source>已加密（口令）</source>
        <translation>encrypted (passphrase)</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="67"/>
        <source>已加密</source>
        <translation>encrypted</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="73"/>
        <source>本地数据 {0} 户</source>
        <translation>{0} entities stored locally</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="74"/>
        <source>截至 {0}</source>
        <translation>as of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="76"/>
        <source>尚未同步</source>
        <translation>never synced</translation>
    </message>
    <message>
        <location filename="../../desktop/formatting.py" line="77"/>
        <source>待上传 {0} 条</source>
        <translation>{0} waiting to upload</translation>
    </message>
</context>
<context>
    <name>Fulfilment</name>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="40"/>
        <source>履行状态</source>
        <extracomment>The fields a fulfilment edit changes, in the order the form shows them.</extracomment>
        <translation>Fulfilment</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="41"/>
        <source>状态认定日期</source>
        <translation>Date determined</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="42"/>
        <source>认定单位</source>
        <translation>Determining unit</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="43"/>
        <source>未履行内容</source>
        <translation>What was not fulfilled</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="44"/>
        <source>违诺责任追究内容</source>
        <translation>Liability pursued</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_conflict.py" line="58"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
</context>
<context>
    <name>FulfilmentDialog</name>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="86"/>
        <source>认定履行情况 · {0}</source>
        <translation>Determine fulfilment · {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="89"/>
        <source>正在读取承诺 {0} …</source>
        <translation>Reading commitment {0} …</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="120"/>
        <source>例如：逾期未补齐场所平面图</source>
        <translation>e.g. floor plan of the premises not supplied by the deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="123"/>
        <source>例如：撤销审批决定，记入信用记录</source>
        <translation>e.g. approval revoked, entered in the credit record</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="129"/>
        <source>认定为部分履行或全部未履行后，将作为失信信息记入该主体的信用记录（待上传信用平台），此后的信用核查会比对该记录，例如不再适用容缺受理。</source>
        <translation>Once determined as partly fulfilled or not fulfilled, this enters the entity’s credit record as dishonesty information (to be uploaded to the credit platform), and later credit checks take it into account: for example, acceptance with materials pending no longer applies.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="151"/>
        <source>履行状态</source>
        <translation>Fulfilment</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="152"/>
        <source>状态认定日期</source>
        <translation>Date determined</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="153"/>
        <source>认定单位</source>
        <translation>Determining unit</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="154"/>
        <source>未履行内容</source>
        <translation>What was not fulfilled</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="155"/>
        <source>违诺责任追究内容</source>
        <translation>Liability pursued</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="158"/>
        <source>保存认定</source>
        <translation>Save determination</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="164"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="198"/>
        <source>没有编码为 {0} 的信用承诺。</source>
        <translation>There is no credit commitment with code {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="211"/>
        <source>待认定</source>
        <translation>Not yet determined</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="213"/>
        <source>承诺编码 {0} · {1}</source>
        <translation>Commitment code {0} · {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="214"/>
        <source>承诺人：{0}（{1}）</source>
        <translation>Committer: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="215"/>
        <source>承诺事由：{0}</source>
        <translation>Purpose: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="219"/>
        <source>补齐期限 {0} · 容缺材料：{1}</source>
        <translation>Deadline for materials {0} · materials pending: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="223"/>
        <source>当前履行状态：{0}（第 {1} 版）</source>
        <translation>Current fulfilment: {0} (version {1})</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="278"/>
        <source>请选择履行状态：全部履行、部分履行或全部未履行。</source>
        <translation>Choose the fulfilment: fulfilled, partly fulfilled or not fulfilled.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="319"/>
        <source>认定未保存。</source>
        <translation>The determination was not saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="323"/>
        <source>承诺 {0} 未能读取。</source>
        <translation>Commitment {0} could not be read.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/fulfilment_dialog.py" line="341"/>
        <source>承诺已被他人修改（现为第 {0} 版），您的修改尚未保存。</source>
        <translation>The commitment was changed by someone else (now version {0}); your changes are not saved yet.</translation>
    </message>
</context>
<context>
    <name>GradeMeaning</name>
    <message>
        <location filename="../../desktop/core_labels.py" line="175"/>
        <source>信用风险低</source>
        <translation>low credit risk</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="176"/>
        <source>信用风险一般</source>
        <translation>average credit risk</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="177"/>
        <source>信用风险较高</source>
        <translation>elevated credit risk</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="178"/>
        <source>信用风险高</source>
        <translation>high credit risk</translation>
    </message>
</context>
<context>
    <name>InspectionForm</name>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="209"/>
        <source>现场检查记录 · {0}</source>
        <translation>On-site inspection record · {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="253"/>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="807"/>
        <source>删除草稿</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="256"/>
        <source>定稿并报送</source>
        <translation>Finalise and submit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="259"/>
        <source>定稿后记录不可修改（如需更正将另建更正记录），并排队上传信用平台</source>
        <translation>Once finalised the record cannot be changed (a correction is a new record) and it is queued for upload to the credit platform</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="262"/>
        <source>打印/保存检查记录</source>
        <translation>Print / save record</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="266"/>
        <source>下达整改通知…</source>
        <translation>Issue rectification order…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="270"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="295"/>
        <source>{0} · {1}
监管事项：{2}（{3}） · 检查实施清单 {4}</source>
        <translation>{0} · {1}
Supervision matter: {2} ({3}) · inspection list {4}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="297"/>
        <source>地址未登记</source>
        <translation>no address registered</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="312"/>
        <source>更正原因（必填）</source>
        <translation>Reason for the correction (required)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="315"/>
        <source>这是一份更正记录：定稿后将替代原记录，原记录保留备查。</source>
        <translation>This is a correction: once finalised it replaces the original record, which is kept for reference.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="330"/>
        <source>检查基本信息</source>
        <translation>Inspection details</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="339"/>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="340"/>
        <source>把检查时间设为当前时间</source>
        <translation>Set the inspection time to now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="344"/>
        <source>检查地点（经营场所地址、具体位置）</source>
        <translation>Place of inspection (business address, exact location)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="350"/>
        <source>纬度，如 35.575210（选填）</source>
        <translation>Latitude, e.g. 35.575210 (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="354"/>
        <source>经度，如 114.520130（选填）</source>
        <translation>Longitude, e.g. 114.520130 (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="369"/>
        <source>检查形式 / 类别 / 方式</source>
        <translation>Form / category / method</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="370"/>
        <source>检查时间</source>
        <translation>Time of inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="371"/>
        <source>检查地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="372"/>
        <source>坐标</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="376"/>
        <source>执法人员（至少两名，须持执法证）</source>
        <translation>Inspectors (at least two, with law enforcement certificates)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="379"/>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="483"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="379"/>
        <source>执法证号</source>
        <translation>Enforcement certificate no.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="385"/>
        <source>添加执法人员</source>
        <translation>Add inspector</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="390"/>
        <source>{0}&#x3000;{1}</source>
        <translation>{0}  {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="393"/>
        <source>手工填写…</source>
        <translation>Enter by hand…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="397"/>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="460"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="409"/>
        <source>检查内容（{0}）</source>
        <translation>Checklist ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="412"/>
        <source>其余各项均符合</source>
        <translation>All others compliant</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="414"/>
        <source>把尚未填写结论的项目都设为“符合”</source>
        <translation>Mark every item without an answer as “Compliant”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="428"/>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="441"/>
        <source>检查结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="431"/>
        <source>请选择检查结果</source>
        <translation>Choose the result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="437"/>
        <source>检查情况及处理意见</source>
        <translation>Findings and action taken</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="442"/>
        <source>检查情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="446"/>
        <source>现场照片及材料</source>
        <translation>Photos and documents</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="457"/>
        <source>添加照片或材料…</source>
        <translation>Add photos or documents…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="473"/>
        <source>被检查单位现场负责人签名（选填）</source>
        <translation>Signature of the person in charge on site (optional)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="476"/>
        <source>现场负责人姓名</source>
        <translation>Name of the person in charge on site</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="480"/>
        <source>清除签名</source>
        <translation>Clear signature</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="591"/>
        <source>正在保存草稿…</source>
        <translation>Saving draft…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="596"/>
        <source>草稿已自动保存 {0}</source>
        <translation>Draft saved automatically at {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="601"/>
        <source>草稿已不存在（已定稿或已删除）。</source>
        <translation>The draft no longer exists (finalised or deleted).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="603"/>
        <source>草稿保存失败，已填写的内容仍在窗口中；请稍后再试。</source>
        <translation>The draft could not be saved; what you entered is still in the window. Please try again shortly.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="615"/>
        <source>添加照片或材料</source>
        <translation>Add photos or documents</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="617"/>
        <source>照片和文档 ({0});;所有文件 (*)</source>
        <translation>Photos and documents ({0});;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="636"/>
        <source>“{0}”与已添加的文件内容相同，未重复添加。</source>
        <translation>“{0}” has the same content as a file already added and was not added again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="690"/>
        <source>正在定稿…</source>
        <translation>Finalising…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="709"/>
        <source>尚未定稿：请先补正以下问题（已填写的内容已保存为草稿）。</source>
        <translation>Not finalised yet: correct the following first (what you entered is saved as a draft).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="712"/>
        <source>定稿未完成，草稿已保留。</source>
        <translation>Finalising did not complete; the draft is kept.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="716"/>
        <source>请补正：</source>
        <translation>Please correct:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="731"/>
        <source>公示期限 {0}（检查后7个工作日）已过，请立即公示检查结果，并按规定说明逾期原因。</source>
        <translation>The publication deadline {0} (7 working days after the inspection) has passed: publish the result now and state the reason for the delay as required.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="734"/>
        <source>请于 {0} 前公示检查结果（7个工作日内）。</source>
        <translation>Publish the result by {0} (within 7 working days).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="739"/>
        <source>已定稿：检查行为编号 {0}，检查结果 {1} {2}。{3}已排队上传信用平台。</source>
        <translation>Finalised: inspection no. {0}, result {1} {2}. {3} Queued for upload to the credit platform.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="746"/>
        <source>已定稿，记录不可再修改。</source>
        <translation>Finalised; the record can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="793"/>
        <source>检查记录已保存到 {0}。</source>
        <translation>Inspection record saved to {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspection_form.py" line="808"/>
        <source>删除这份草稿？已填写的内容和添加的照片将被删除（记入审计日志）。</source>
        <translation>Delete this draft? What was entered and the photos added will be deleted (recorded in the audit log).</translation>
    </message>
</context>
<context>
    <name>InspectionsView</name>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="317"/>
        <source>抽取新计划…</source>
        <translation>Draw new plan…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="320"/>
        <source>导出公示</source>
        <translation>Export for publication</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="323"/>
        <source>抽查计划 PDF</source>
        <translation>Inspection plan PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="324"/>
        <source>抽查计划 XLSX</source>
        <translation>Inspection plan XLSX</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="333"/>
        <source>抽查计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="377"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="378"/>
        <source>待检查</source>
        <translation>To do</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="379"/>
        <source>检查中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="380"/>
        <source>已检查</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="381"/>
        <source>发现问题</source>
        <translation>Problem found</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="382"/>
        <source>整改中</source>
        <translation>Under rectification</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="391"/>
        <source>全部期限</source>
        <translation>Any due date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="392"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="393"/>
        <source>7日内到期</source>
        <translation>Due within 7 days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="394"/>
        <source>7日后到期</source>
        <translation>Due after 7 days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="402"/>
        <source>名称或代码</source>
        <translation>Name or code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="439"/>
        <source>检查任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="440"/>
        <source>整改与约谈</source>
        <translation>Rectification and interviews</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="475"/>
        <source>{0} · {1}（{2} 户）</source>
        <translation>{0} · {1} ({2})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="486"/>
        <source>本机还没有抽查计划。点“抽取新计划…”按区划、领域和信用等级抽取主体和执法人员，无需联网。</source>
        <translation>No inspection plan on this computer yet. Click “Draw new plan…” to draw entities and inspectors by area, sector and credit grade; no network needed.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="525"/>
        <source>已检查 {0} 户 · 检查中 {1} · 逾期 {2} · 发现问题 {3}</source>
        <translation>Inspected: {0} · in progress: {1} · overdue: {2} · with problems: {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="531"/>
        <source>有 {0} 户因无足够的无回避关系执法人员未分配检查人员，请另行指派。</source>
        <translation>Entities without inspectors: {0} (not enough inspectors without a conflict of interest); assign them separately.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="567"/>
        <source>全部区划</source>
        <translation>All areas</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="701"/>
        <source>打印/保存 {0}</source>
        <translation>Print / save {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="703"/>
        <source>更正 {0}…</source>
        <translation>Correct {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="869"/>
        <source>已保存到 {0}</source>
        <translation>Saved to {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="869"/>
        <source>（请在文件夹中打开）</source>
        <translation> (open it from the folder)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="875"/>
        <source>已保存到 {0}。</source>
        <translation>Saved to {0}.</translation>
    </message>
</context>
<context>
    <name>InterviewForm</name>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="323"/>
        <source>约谈记录 · {0}</source>
        <translation>Compliance interview · {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="324"/>
        <source>记录约谈</source>
        <translation>Record interview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="325"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="341"/>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="380"/>
        <source>约谈地点</source>
        <translation>Place of interview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="344"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="344"/>
        <source>所属方</source>
        <translation>Side</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="344"/>
        <source>职务/身份</source>
        <translation>Position / role</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="352"/>
        <source>添加人员</source>
        <translation>Add participant</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="355"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="367"/>
        <source>约谈内容：指出的问题、告知的失信后果和法律责任</source>
        <translation>Content: problems raised, consequences of dishonesty and legal liability explained</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="370"/>
        <source>被约谈方的承诺及整改措施、完成时限</source>
        <translation>What the interviewed party undertook: corrective measures and deadlines</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="377"/>
        <source>约谈方式</source>
        <translation>Kind of interview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="379"/>
        <source>约谈日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="381"/>
        <source>参加人员</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="382"/>
        <source>约谈内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="383"/>
        <source>承诺事项</source>
        <translation>Undertakings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="404"/>
        <source>约谈方</source>
        <translation>Interviewing side</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="404"/>
        <source>被约谈方</source>
        <translation>Interviewed side</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="456"/>
        <source>已记录{0} {1}，将记入该主体的信用记录（已排队上传信用平台）。</source>
        <translation>{0} {1} recorded; it enters the entity’s credit record (queued for upload to the credit platform).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="55"/>
        <location filename="../../desktop/windows/main_window.py" line="115"/>
        <source>CreditDesk 信用监管工作台</source>
        <translation>CreditDesk credit supervision desk</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="109"/>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="129"/>
        <source>Ctrl+K 或 Ctrl+F 随时回到这里</source>
        <translation>Ctrl+K or Ctrl+F brings you back here at any time</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="136"/>
        <source>正在打开…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="151"/>
        <location filename="../../desktop/windows/main_window.py" line="361"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="160"/>
        <location filename="../../desktop/windows/main_window.py" line="367"/>
        <source>关于 CreditDesk</source>
        <translation>About CreditDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="174"/>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="175"/>
        <source>窗口核查</source>
        <translation>Counter check</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="78"/>
        <location filename="../../desktop/windows/main_window.py" line="176"/>
        <source>信用承诺</source>
        <translation>Commitments</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="177"/>
        <source>检查任务</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="178"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="212"/>
        <source>正在打开本地数据…</source>
        <translation>Opening local data…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="231"/>
        <source>{0} · 设备 {1}</source>
        <translation>{0} · device {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="308"/>
        <source>本地数据以 SQLCipher 加密保存</source>
        <translation>Local data is stored encrypted with SQLCipher</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="339"/>
        <source>代码校验位不符</source>
        <translation>Check characters do not match</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="340"/>
        <source>{0}

请与营业执照原件核对。确认使用该代码时请填写原因（将记入审计日志）：</source>
        <translation>{0}

Compare with the original business licence. To use this code anyway, give a reason (recorded in the audit log):</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="343"/>
        <source>已核对营业执照原件，代码一致</source>
        <translation>Checked against the original business licence; the code matches</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="361"/>
        <source>界面语言将在下次启动 CreditDesk 时切换。</source>
        <translation>The language changes the next time CreditDesk starts.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/main_window.py" line="369"/>
        <source>CreditDesk 信用监管工作台

本地数据加密保存，断网也能查询。
界面字体：文泉驿微米黑（Apache-2.0 / GPL-3+ 字体例外）。</source>
        <translation>CreditDesk credit supervision desk

Local data is encrypted and can be searched offline.
UI font: WenQuanYi Micro Hei (Apache-2.0 / GPL-3+ with font exception).</translation>
    </message>
</context>
<context>
    <name>OrdersPane</name>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="196"/>
        <source>整改通知</source>
        <translation>Rectification order</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="196"/>
        <source>主体名称</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="196"/>
        <source>通知日期</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="196"/>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="197"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="197"/>
        <source>约谈</source>
        <translation>Interview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="210"/>
        <source>复查（整改后检查）</source>
        <translation>Follow-up inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="213"/>
        <source>约谈…</source>
        <translation>Interview…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/inspections/inspections_view.py" line="234"/>
        <source>（逾期 %n 个工作日）</source>
        <translation>
            <numerusform> (%n working day late)</numerusform>
            <numerusform> (%n working days late)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="239"/>
        <source>建议约谈</source>
        <translation>Interview advised</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="252"/>
        <source>整改通知 {0} 份，其中逾期或复查未整改 {1} 份。</source>
        <translation>Rectification orders: {0}; overdue or not rectified at follow-up: {1}.</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="69"/>
        <source>刷新</source>
        <extracomment>Status → (background, text colour): a hint next to the word, never instead of it. Something was resent or resolved: the sync page refreshes its counts.</extracomment>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="72"/>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="88"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="88"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="88"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="88"/>
        <source>原因 / 说明</source>
        <translation>Reason / note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="88"/>
        <source>公示期限</source>
        <translation>Publication deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="114"/>
        <source>修正后重新上传</source>
        <extracomment>What the last action did (resent, renumbered, resolved).</extracomment>
        <translation>Resend after fixing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="117"/>
        <source>原因已排除（如已用正确的账号登录）后，把这条记录放回待上传队列</source>
        <translation>Once the cause is fixed (e.g. signed in with the right account), put this record back in the upload queue</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="120"/>
        <source>重新编号并上传</source>
        <translation>Renumber and upload</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="123"/>
        <source>对照处理冲突…</source>
        <translation>Resolve conflict side by side…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="143"/>
        <source>需要处理与待上传</source>
        <translation>Needs attention and waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="144"/>
        <location filename="../../desktop/views/outbox_view.py" line="154"/>
        <source>待上传</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="145"/>
        <location filename="../../desktop/views/outbox_view.py" line="158"/>
        <source>被拒收</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="146"/>
        <location filename="../../desktop/views/outbox_view.py" line="157"/>
        <source>有冲突</source>
        <translation>In conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="147"/>
        <location filename="../../desktop/views/outbox_view.py" line="156"/>
        <location filename="../../desktop/views/outbox_view.py" line="201"/>
        <source>已上传</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="148"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="155"/>
        <source>上传中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="159"/>
        <source>已替代</source>
        <translation>Superseded</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="162"/>
        <source>信用核查记录</source>
        <translation>Credit check</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="163"/>
        <source>信用承诺</source>
        <translation>Commitment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="164"/>
        <source>承诺履行认定</source>
        <translation>Fulfilment decision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="165"/>
        <source>行政检查记录</source>
        <translation>Inspection record</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="166"/>
        <source>责令整改通知</source>
        <translation>Rectification order</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="167"/>
        <source>约谈记录</source>
        <translation>Interview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="168"/>
        <source>抽查计划</source>
        <translation>Inspection plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="169"/>
        <source>附件</source>
        <translation>Attachment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="190"/>
        <source>等待同步</source>
        <translation>Waiting for the next sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="192"/>
        <source>上传中断，下次同步时重新发送（平台不会重复记录）</source>
        <translation>Upload interrupted; sent again at the next sync (the platform never records it twice)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="194"/>
        <source>上次上传未成功：{0}</source>
        <translation>Last upload failed: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="197"/>
        <source>等待第 {0} 条（{1}）处理后再上传：它所依附的记录尚未被平台接收。</source>
        <translation>Waits for record {0} ({1}) to be settled: a record it depends on has not reached the platform.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="172"/>
        <source>平台已接收</source>
        <translation>Accepted by the platform</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="173"/>
        <source>平台已有（重复发送）</source>
        <translation>Already on the platform (sent again)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="174"/>
        <source>已采用平台版本</source>
        <translation>Platform&apos;s version taken</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="175"/>
        <source>已按本机修改重新上传</source>
        <translation>Sent again with this laptop&apos;s changes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="176"/>
        <source>已重新编号上传</source>
        <translation>Sent under a new number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="201"/>
        <source>已被新的记录替代</source>
        <translation>Superseded by a newer record</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="204"/>
        <source>{0}（{1} UTC）</source>
        <translation>{0} ({1} UTC)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/outbox_view.py" line="210"/>
        <source>已超过公示期限 %n 个工作日</source>
        <translation>
            <numerusform>publication deadline passed %n working day ago</numerusform>
            <numerusform>publication deadline passed %n working days ago</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="212"/>
        <source>今天是公示期限</source>
        <translation>publication deadline is today</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/outbox_view.py" line="214"/>
        <source>距公示期限仅剩 %n 个工作日</source>
        <translation>
            <numerusform>only %n working day to the publication deadline</numerusform>
            <numerusform>only %n working days to the publication deadline</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/outbox_view.py" line="216"/>
        <source>剩余 %n 个工作日</source>
        <translation>
            <numerusform>%n working day left</numerusform>
            <numerusform>%n working days left</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="218"/>
        <source>节假日数据不全，请人工核对期限</source>
        <translation>holiday data incomplete: check the deadline by hand</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="226"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="227"/>
        <source>{0}（{1}，{2}）</source>
        <translation>{0} ({1}, {2})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/outbox_view.py" line="233"/>
        <source>%n 条须公示的记录尚未被平台接收，公示期限（7 个工作日）将至或已过：{0}。请尽快同步。</source>
        <translation>
            <numerusform>%n record the platform must publish has not reached it and its publication deadline (7 working days) is near or past: {0}. Please sync soon.</numerusform>
            <numerusform>%n records the platform must publish have not reached it and their publication deadline (7 working days) is near or past: {0}. Please sync soon.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="264"/>
        <source>待上传 {0} · 被拒收 {1} · 有冲突 {2} · 已上传 {3}</source>
        <translation>Waiting {0} · Refused {1} · In conflict {2} · Sent {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="299"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="336"/>
        <source>选中一条记录查看详情。被拒收的记录不会阻塞其他记录的上传。</source>
        <translation>Select a record to see its details. Refused records never hold up the others.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="338"/>
        <source>第 {0} 条 · {1} · {2}</source>
        <translation>No. {0} · {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="345"/>
        <source>已尝试上传 {0} 次</source>
        <translation>Upload attempted {0} times</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="364"/>
        <source>无法处理</source>
        <translation>Cannot do this</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="385"/>
        <source>第 {0} 条已放回待上传队列，下次同步时上传。</source>
        <translation>Record {0} is back in the queue and will be sent at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="395"/>
        <source>重新编号</source>
        <translation>Renumber</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="397"/>
        <source>这条承诺的编码已被其他设备使用。重新编号后将以新编码上传，已打印的承诺书上的编码随之作废，请告知承诺人新的编码。继续吗？</source>
        <translation>Another device already uses this commitment code. After renumbering it is sent under a new code and the code on any printed commitment letter is void; tell the committing party the new code. Continue?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="413"/>
        <source>已重新编号为 {0}，下次同步时上传。</source>
        <translation>Renumbered as {0}; it will be sent at the next sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="438"/>
        <source>与共享平台上的记录有冲突</source>
        <translation>Conflicts with the record on the sharing platform</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="463"/>
        <source>已采用平台上的版本，本机记录已更新。</source>
        <translation>The platform&apos;s version was taken; the record on this laptop is updated.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="464"/>
        <source>将保留您的修改：下次同步时基于平台的版本重新上传。</source>
        <translation>Your changes are kept: they are sent again at the next sync on top of the platform&apos;s version.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="465"/>
        <source>已按所选逐项合并：下次同步时基于平台的版本上传。</source>
        <translation>Merged field by field as chosen: sent at the next sync on top of the platform&apos;s version.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="472"/>
        <source>采用平台版本</source>
        <translation>Take the platform&apos;s version</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="474"/>
        <source>平台已有同一编号但内容不同的记录，平台不会覆盖已接收的记录。采用平台的版本并不再上传本机这条吗？</source>
        <translation>The platform already holds a record with the same id but different content, and it never overwrites a record it has accepted. Take the platform&apos;s version and stop sending this one?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/outbox_view.py" line="487"/>
        <source>已采用平台的版本。</source>
        <translation>The platform&apos;s version was taken.</translation>
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
    <name>PlanDrawDialog</name>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="103"/>
        <source>抽取双随机抽查计划</source>
        <translation>Draw a random inspection plan (double random, one public)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="106"/>
        <source>{0}年双随机抽查计划</source>
        <translation>{0} random inspection plan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="120"/>
        <source>行政区划代码，多个用逗号分隔，如 410526 或 4105</source>
        <translation>Division codes, separated by commas, e.g. 410526 or 4105</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="124"/>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="124"/>
        <source>个体工商户</source>
        <translation>Individual business</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="125"/>
        <source>农民专业合作社</source>
        <translation>Farmers’ cooperative</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="127"/>
        <source>存续</source>
        <translation>Existing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="127"/>
        <source>在业</source>
        <translation>In business</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="131"/>
        <source>各领域默认规定</source>
        <translation>Each sector’s default rules</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="138"/>
        <source>本单位执法人员名录（JSON）</source>
        <translation>Your unit’s inspector roster (JSON)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="146"/>
        <source>本机还没有执法人员名录。请把本单位名录保存为 {0}（格式见 README“Inspections”一节），或点“选择…”指定名录文件。</source>
        <translation>There is no inspector roster on this computer yet. Save your unit’s roster as {0} (format in the README’s “Inspections” section), or click “Choose…” to pick a roster file.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="151"/>
        <source>这是演示数据附带的演示名录（虚构人员）。正式使用时请把本单位名录保存为 {0}。</source>
        <translation>This is the demo roster that comes with the demo data (fictitious people). For real use, save your unit’s roster as {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="154"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="161"/>
        <source>随机种子决定抽取结果，应在抽取前确定并公布（如当日摇号结果）；同一种子和主体库总得到同一计划。</source>
        <translation>The seed decides the draw: fix and announce it before drawing (e.g. that day’s lottery result); the same seed and entity pool always give the same plan.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="171"/>
        <source>抽取并记录</source>
        <translation>Draw and record</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="175"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="183"/>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="238"/>
        <source>计划名称</source>
        <translation>Plan name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="184"/>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="239"/>
        <source>实施单位</source>
        <translation>Implementing unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="185"/>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="240"/>
        <source>计划年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="186"/>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="241"/>
        <source>完成期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="187"/>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="242"/>
        <source>行政区划</source>
        <translation>Divisions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="188"/>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="243"/>
        <source>检查领域</source>
        <translation>Sectors</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="189"/>
        <source>主体类型（不选为不限）</source>
        <translation>Entity types (none ticked: all)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="190"/>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="245"/>
        <source>登记状态</source>
        <translation>Registration status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="191"/>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="246"/>
        <source>抽查比例</source>
        <translation>Sampling ratios</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="192"/>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="247"/>
        <source>执法人员名录</source>
        <translation>Inspector roster</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="194"/>
        <source>随机种子</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="208"/>
        <source>选择执法人员名录</source>
        <translation>Choose inspector roster</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="244"/>
        <source>主体类型</source>
        <translation>Entity type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="257"/>
        <source>请先指定执法人员名录：</source>
        <translation>Choose an inspector roster first:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/plan_dialog.py" line="258"/>
        <source>把本单位名录保存为 {0}（格式见 README“Inspections”一节），或点“选择…”。</source>
        <translation>save your unit’s roster as {0} (format in the README’s “Inspections” section), or click “Choose…”.</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../desktop/printing.py" line="43"/>
        <source>打印</source>
        <extracomment>Print jobs under way (each holds its printer and painter until its last page).</extracomment>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../desktop/printing.py" line="68"/>
        <source>本机无法直接打印（缺少 PDF 渲染组件），已在 PDF 查看器中打开，请从查看器打印。</source>
        <extracomment>(printer, parent, page count) → a dialog whose ``exec()`` says whether to print.</extracomment>
        <translation> This computer cannot print directly (the PDF renderer is missing); the PDF is open in the PDF viewer, print from there.</translation>
    </message>
    <message>
        <location filename="../../desktop/printing.py" line="75"/>
        <source>本机无法直接打印，也未能打开 PDF 查看器：请在文件夹中打开 PDF 后打印。</source>
        <translation> This computer cannot print directly, and no PDF viewer could be opened: open the PDF from the folder and print it.</translation>
    </message>
    <message>
        <location filename="../../desktop/printing.py" line="90"/>
        <source>未能读取 PDF：{0}</source>
        <translation> The PDF could not be read: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/printing.py" line="100"/>
        <source>未打印（PDF 已保存）。</source>
        <translation> Not printed (the PDF is saved).</translation>
    </message>
    <message>
        <location filename="../../desktop/printing.py" line="144"/>
        <source>正在打印第 {0}/{1} 页…</source>
        <translation>Printing page {0}/{1}…</translation>
    </message>
    <message>
        <location filename="../../desktop/printing.py" line="155"/>
        <source>打印机无法开始打印</source>
        <translation>the printer could not start printing</translation>
    </message>
    <message>
        <location filename="../../desktop/printing.py" line="158"/>
        <source>打印机无法换页</source>
        <translation>the printer could not start a new page</translation>
    </message>
    <message>
        <location filename="../../desktop/printing.py" line="175"/>
        <source>打印未完成：{0}（PDF 已保存，可在文件夹中打开后打印）</source>
        <translation> Printing did not finish: {0} (the PDF is saved; open it from the folder to print)</translation>
    </message>
    <message>
        <location filename="../../desktop/printing.py" line="182"/>
        <source>已发送到打印机“{0}”（{1} 页）。</source>
        <translation> Sent to printer “{0}” ({1} pages).</translation>
    </message>
</context>
<context>
    <name>ProfileField</name>
    <message>
        <location filename="../../desktop/core_labels.py" line="44"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="45"/>
        <source>统一社会信用代码</source>
        <translation>Unified Social Credit Code (USCC)</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="46"/>
        <source>主体类型</source>
        <translation>Entity type</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="47"/>
        <source>法定代表人（负责人）</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="48"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="49"/>
        <source>登记机关</source>
        <translation>Registration authority</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="50"/>
        <source>所属区划</source>
        <translation>Division</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="51"/>
        <source>住所（经营场所）</source>
        <translation>Domicile (business premises)</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="52"/>
        <source>所属行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="53"/>
        <source>注册资本（万元）</source>
        <translation>Registered capital (10,000 CNY)</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="54"/>
        <source>成立日期</source>
        <translation>Established</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="55"/>
        <source>登记状态</source>
        <translation>Registration status</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="56"/>
        <source>许可证书名称</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="57"/>
        <source>许可编号</source>
        <translation>Licence no.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="58"/>
        <source>许可类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="59"/>
        <source>许可内容</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="60"/>
        <source>决定日期</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="61"/>
        <source>有效期</source>
        <translation>Valid</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="62"/>
        <source>许可机关</source>
        <translation>Licensing authority</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="63"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="64"/>
        <source>决定书文号</source>
        <translation>Decision no.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="65"/>
        <source>违法行为类型</source>
        <translation>Violation</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="66"/>
        <source>违法事实</source>
        <translation>Facts</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="67"/>
        <source>处罚依据</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="68"/>
        <source>处罚类别</source>
        <translation>Penalty type</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="69"/>
        <source>处罚内容</source>
        <translation>Penalty</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="70"/>
        <source>罚款金额（万元）</source>
        <translation>Fine (10,000 CNY)</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="71"/>
        <source>处罚决定日期</source>
        <translation>Decided</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="72"/>
        <source>处罚机关</source>
        <translation>Penalising authority</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="73"/>
        <source>失信程度</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="74"/>
        <source>公示状态</source>
        <translation>Publicity</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="75"/>
        <source>名单类别</source>
        <translation>List</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="76"/>
        <source>列入事由</source>
        <translation>Reason for listing</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="77"/>
        <source>认定依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="78"/>
        <source>认定单位</source>
        <translation>Deciding unit</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="79"/>
        <source>列入日期</source>
        <translation>Listed on</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="80"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="81"/>
        <source>移出情况</source>
        <translation>Removal</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="82"/>
        <source>涉及对象</source>
        <translation>Concerns</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="83"/>
        <source>荣誉名称</source>
        <translation>Honour</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="84"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="85"/>
        <source>授予单位</source>
        <translation>Granted by</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="86"/>
        <source>授予日期</source>
        <translation>Granted on</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="87"/>
        <source>信用等级</source>
        <translation>Credit grade</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="88"/>
        <source>评价日期</source>
        <translation>Graded on</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="89"/>
        <source>评价单位</source>
        <translation>Graded by</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="90"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="91"/>
        <source>案号</source>
        <translation>Case no.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="92"/>
        <source>法院</source>
        <translation>Court</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="93"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="94"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="95"/>
        <source>承诺编码</source>
        <translation>Commitment code</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="96"/>
        <source>承诺类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="97"/>
        <source>承诺事由</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="98"/>
        <source>履行状态</source>
        <translation>Fulfilment</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="99"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="100"/>
        <source>检查行为编号</source>
        <translation>Inspection no.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="101"/>
        <source>检查时间</source>
        <translation>Inspected</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="102"/>
        <source>监管事项</source>
        <translation>Supervision matter</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="103"/>
        <source>检查结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="104"/>
        <source>整改情况</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="105"/>
        <source>实施机构</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="106"/>
        <source>约谈编号</source>
        <translation>Interview no.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="107"/>
        <source>约谈日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="108"/>
        <source>约谈方式</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="109"/>
        <source>约谈内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="110"/>
        <source>承诺事项</source>
        <translation>Undertakings</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="111"/>
        <source>约谈单位</source>
        <translation>Interviewing unit</translation>
    </message>
</context>
<context>
    <name>ProfileSection</name>
    <message>
        <location filename="../../desktop/core_labels.py" line="28"/>
        <source>登记注册基础信息</source>
        <translation>Basic registration information</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="29"/>
        <source>行政管理信息 · 行政许可</source>
        <translation>Administrative information · Licences</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="30"/>
        <source>行政管理信息 · 行政处罚</source>
        <translation>Administrative information · Penalties</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="31"/>
        <source>行政管理信息 · 行政检查</source>
        <translation>Administrative information · Inspections</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="32"/>
        <source>诚实守信相关荣誉信息</source>
        <translation>Honours for integrity</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="33"/>
        <source>严重失信主体名单信息</source>
        <translation>List of seriously dishonest entities</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="34"/>
        <source>重点关注名单信息</source>
        <translation>Watch list</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="35"/>
        <source>经营（活动）异常名录</source>
        <translation>List of abnormal operations</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="36"/>
        <source>信用承诺信息</source>
        <translation>Credit commitments</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="37"/>
        <source>信用评价信息</source>
        <translation>Credit evaluation</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="38"/>
        <source>司法判决及执行信息</source>
        <translation>Court judgments and enforcement</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="39"/>
        <source>其他信息 · 约谈记录</source>
        <translation>Other information · Compliance interviews</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="40"/>
        <source>其他信息</source>
        <translation>Other information</translation>
    </message>
</context>
<context>
    <name>ProfileValue</name>
    <message>
        <location filename="../../desktop/core_labels.py" line="118"/>
        <source>不予公示</source>
        <extracomment>Phrases the core puts into values and notes (credit.store.profile.PHRASES, credit.commitments.STATUS_PHRASES and LOCAL_SOURCE, credit.inspections.profile.LOCAL_SOURCE). ``{…}`` are data and must stay in the translation.</extracomment>
        <translation>Not published</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="119"/>
        <source>公示中，至 {end}</source>
        <translation>Under publicity until {end}</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="120"/>
        <source>公示期已满（{end} 止）</source>
        <translation>Publicity ended ({end})</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="121"/>
        <source>已于 {day} 移出</source>
        <translation>Removed on {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="122"/>
        <source>已于 {day} 移出（{reason}）</source>
        <translation>Removed on {day} ({reason})</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="123"/>
        <source>有效期已满（{day}）</source>
        <translation>Expired ({day})</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="124"/>
        <source>在列</source>
        <translation>Listed</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="125"/>
        <source>本主体</source>
        <translation>This entity</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="126"/>
        <source>法定代表人 {name}</source>
        <translation>Legal representative {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="127"/>
        <source>法定代表人 {name}（{id}）</source>
        <translation>Legal representative {name} ({id})</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="128"/>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="129"/>
        <source>长期</source>
        <translation>open-ended</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="130"/>
        <source>{grade}（{meaning}）</source>
        <translation>{grade} ({meaning})</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="131"/>
        <source>另有 {count} 条处罚信息已完成信用修复，依规不再展示和使用。</source>
        <translation>{count} more penalty records have completed credit repair and, as the rules require, are no longer shown or used.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="132"/>
        <source>另有 {count} 条名单信息已完成信用修复，依规不再展示和使用。</source>
        <translation>{count} more list records have completed credit repair and, as the rules require, are no longer shown or used.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="133"/>
        <source>本地尚无该主体的信用承诺记录。</source>
        <translation>No credit commitments of this entity recorded here yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="134"/>
        <source>{fulfilment}（{day} 认定）</source>
        <translation>{fulfilment} (determined {day})</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="135"/>
        <source>待认定 · 补齐期限 {deadline}</source>
        <translation>Not yet determined · materials due {deadline}</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="136"/>
        <source>待认定</source>
        <translation>Not yet determined</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="137"/>
        <source>本机登记</source>
        <translation>Registered here</translation>
    </message>
    <message>
        <location filename="../../desktop/core_labels.py" line="138"/>
        <source>本机记录</source>
        <translation>Recorded here</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="128"/>
        <source>信用等级 {0} {1}</source>
        <extracomment>Sections whose few columns fit side by side; the others show each record as a label/value card. List sections that call for attention rather than a restriction: amber, not red. Sections whose every field is shown even when empty (a missing 证件号码 is itself telling).</extracomment>
        <translation>Credit grade {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="131"/>
        <source>暂无信用等级</source>
        <translation>No credit grade yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="137"/>
        <source>登记状态：{0}</source>
        <translation>Registration status: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="138"/>
        <source>数据截至 {0}</source>
        <translation>Data as of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="139"/>
        <source>统一社会信用代码：{0}</source>
        <translation>USCC: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="151"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="158"/>
        <source>暂无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_html.py" line="214"/>
        <source>认定履行情况</source>
        <extracomment>Links in the 信用承诺 section: ``commitment:open/&lt;code&gt;`` and ``commitment:fulfil/&lt;code&gt;``.</extracomment>
        <translation>Determine fulfilment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="33"/>
        <source>本地数据中没有代码为 {0} 的主体。</source>
        <translation>No entity with code {0} in the local data.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="34"/>
        <source>未找到该主体</source>
        <translation>Entity not found</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="38"/>
        <source>查询主体信用信息</source>
        <translation>Look up an entity’s credit record</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="40"/>
        <source>在上方输入统一社会信用代码、名称或拼音首字母，结果随输入出现。</source>
        <translation>Type a Unified Social Credit Code (USCC), part of a name or pinyin initials above; results appear as you type.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="41"/>
        <source>按回车打开最匹配的主体，上下方向键选择其他结果，Esc 清空。</source>
        <translation>Enter opens the best match, the arrow keys choose another result, Esc clears.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="42"/>
        <source>用扫码枪扫描营业执照二维码，也可以直接查询。</source>
        <translation>Scanning a business licence QR code with a barcode scanner works too.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/profile_view.py" line="43"/>
        <source>随时按 Ctrl+K 回到搜索框。</source>
        <translation>Press Ctrl+K at any time to return to the search box.</translation>
    </message>
</context>
<context>
    <name>ReasonCard</name>
    <message>
        <location filename="../../desktop/views/check_view.py" line="98"/>
        <source>触发记录：{0}</source>
        <translation>Triggering record: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="101"/>
        <source>期限至 {0}</source>
        <translation>Applies until {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="103"/>
        <source>期限：未载明截止日期</source>
        <translation>Applies: no end date stated</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="106"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/check_view.py" line="109"/>
        <source>依据：{0}</source>
        <translation>Basis: {0}</translation>
    </message>
</context>
<context>
    <name>RectificationForm</name>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="193"/>
        <source>责令限期整改 · {0}</source>
        <translation>Rectification order · {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="194"/>
        <source>下达整改通知</source>
        <translation>Issue rectification order</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="196"/>
        <source>{0}（{1}）
检查记录 {2} · {3} · 检查结果 {4} {5}</source>
        <translation>{0} ({1})
Inspection record {2} · {3} · result {4} {5}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="209"/>
        <source>需要整改的问题，每行一项</source>
        <translation>Problems to rectify, one per line</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="220"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="222"/>
        <source>直接指定截止日期</source>
        <translation>Set the deadline date directly</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="249"/>
        <source>存在问题</source>
        <translation>Problems</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="250"/>
        <source>整改要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="251"/>
        <source>通知日期</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="252"/>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="266"/>
        <source>整改截止日期：{0}</source>
        <translation>Rectification deadline: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="272"/>
        <source>也可勾选“直接指定截止日期”。</source>
        <translation>You can also tick “Set the deadline date directly”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="275"/>
        <source>整改截止日期：{0}（通知日期后第 {1} 个工作日）</source>
        <translation>Rectification deadline: {0} (working day {1} after the date issued)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="304"/>
        <source>已下达整改通知 {0}，整改截止日期 {1}。逾期未整改的，将在“整改与约谈”中提示约谈。</source>
        <translation>Rectification order {0} issued, deadline {1}. If it is not rectified in time, “Rectification and interviews” will suggest a compliance interview.</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../desktop/models/results_model.py" line="42"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="43"/>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="44"/>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="45"/>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="46"/>
        <source>所属区划</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="107"/>
        <source>登记状态：{0}</source>
        <translation>Registration status: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="109"/>
        <source>法定代表人（负责人）：{0}</source>
        <translation>Legal representative: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/models/results_model.py" line="110"/>
        <source>信用等级：{0}</source>
        <translation>Credit grade: {0}</translation>
    </message>
</context>
<context>
    <name>SavedFile</name>
    <message>
        <location filename="../../desktop/views/saved_file.py" line="26"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
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
        <location filename="../../desktop/views/search_view.py" line="225"/>
        <source>没有找到与“{0}”匹配的主体。可以试试名称中的其他字词或拼音首字母。</source>
        <translation>No entity matches “{0}”. Try other words from the name, or pinyin initials.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/search_view.py" line="230"/>
        <source>找到 %n 个主体</source>
        <translation>
            <numerusform>%n entity found</numerusform>
            <numerusform>%n entities found</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/search_view.py" line="238"/>
        <source>可输入代码、名称、拼音首字母，或直接扫描营业执照二维码</source>
        <translation>Type a code, a name or pinyin initials, or scan a business licence QR code</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="44"/>
        <source>登录信用信息共享平台</source>
        <translation>Sign in to the credit information sharing platform</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="47"/>
        <source>登录后可下载本辖区的主体信用信息。密码只用于本次登录，不会保存在本机。</source>
        <translation>Once signed in you can download the credit information of the entities in your jurisdiction. The password is used for this sign-in only and is not stored on this computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="51"/>
        <source>例如 https://xypt.example.gov.cn</source>
        <translation>e.g. https://xypt.example.gov.cn</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="53"/>
        <source>平台分配的用户名</source>
        <translation>User name assigned by the platform</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="57"/>
        <source>可选：单位自有证书颁发机构的 CA 证书（PEM）</source>
        <translation>Optional: your organisation’s own CA certificate (PEM)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="58"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="65"/>
        <location filename="../../desktop/windows/signin_dialog.py" line="118"/>
        <source>平台地址</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="66"/>
        <location filename="../../desktop/windows/signin_dialog.py" line="119"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="67"/>
        <location filename="../../desktop/windows/signin_dialog.py" line="120"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="68"/>
        <source>CA 证书</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="77"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="79"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="92"/>
        <source>选择 CA 证书</source>
        <translation>Choose CA certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="92"/>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="110"/>
        <source>正在登录 {0} …</source>
        <translation>Signing in to {0} …</translation>
    </message>
    <message>
        <location filename="../../desktop/windows/signin_dialog.py" line="125"/>
        <source>请填写{0}。</source>
        <translation>Please fill in {0}.</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../desktop/widgets/signature_pad.py" line="31"/>
        <source>请被检查单位现场负责人在此签名</source>
        <translation>The person in charge on site signs here</translation>
    </message>
    <message>
        <location filename="../../desktop/widgets/signature_pad.py" line="126"/>
        <source>在此签名</source>
        <translation>Sign here</translation>
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
    <name>SyncView</name>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="83"/>
        <source>与信用信息共享平台同步</source>
        <extracomment>A sync finished (SyncResult); the window refreshes search, profile and status bar. Signing in named who is working (credit.operator.Operator): the header shows it. Set by 取消 and read by the worker: also reaches a run that has not handed back its task. push / pull while a sync runs: set by the worker (a plain attribute), read for the bar.</extracomment>
        <translation>Sync with the credit information sharing platform</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="90"/>
        <source>先上传本机的记录（核查、承诺及履行、检查、整改、约谈、附件），再下载本辖区的主体信用信息（登记、名单、处罚、许可、评价、各地登记的承诺），并保持最新。每次同步前自动备份本机工作数据。</source>
        <translation>First sends this laptop&apos;s records (checks, commitments and fulfilment, inspections, rectification orders, interviews, attachments), then downloads the credit information of the entities in your jurisdiction (registration, lists, penalties, licences, grades, commitments registered elsewhere) and keeps it current. The work data is backed up before every sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="97"/>
        <source>平台账号</source>
        <translation>Platform account</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="105"/>
        <location filename="../../desktop/views/sync_view.py" line="269"/>
        <source>登录…</source>
        <translation>Sign in…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="107"/>
        <source>退出登录</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="110"/>
        <source>平台地址</source>
        <translation>Platform address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="111"/>
        <source>用户</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="112"/>
        <source>辖区</source>
        <translation>Jurisdiction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="113"/>
        <source>登录状态</source>
        <translation>Sign-in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="123"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="124"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="129"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="136"/>
        <source>尚未开始</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="141"/>
        <source>已登录时每隔</source>
        <translation>While signed in, sync every</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="144"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="154"/>
        <source>在后台自动同步一次</source>
        <translation>in the background</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="166"/>
        <source>本机数据</source>
        <translation>Data on this computer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="178"/>
        <source>上次成功同步</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="179"/>
        <source>数据截至</source>
        <translation>Data as of</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="180"/>
        <source>平台数据最近更新</source>
        <translation>Platform data last updated</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="181"/>
        <source>本地主体</source>
        <translation>Entities here</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="182"/>
        <source>已接收变更</source>
        <translation>Changes received</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="183"/>
        <source>待上传</source>
        <translation>Waiting to upload</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="184"/>
        <source>上次错误</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="185"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="187"/>
        <source>同步前备份</source>
        <translation>Pre-sync backup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="190"/>
        <source>待上传记录</source>
        <translation>Records to upload</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="207"/>
        <location filename="../../desktop/views/sync_view.py" line="582"/>
        <source>尚未同步</source>
        <extracomment>Shown in the window&apos;s status bar (&quot;上次同步 …&quot;).</extracomment>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="258"/>
        <source>尚未登录</source>
        <translation>Not signed in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="269"/>
        <source>切换账号…</source>
        <translation>Switch account…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="276"/>
        <source>未登录</source>
        <translation>not signed in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="278"/>
        <source>登录已过期，同步前请重新登录</source>
        <translation>Sign-in expired; sign in again before syncing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="281"/>
        <source>需要登录：本机没有系统钥匙串，登录凭据只保存在本次运行的内存中</source>
        <translation>Sign-in needed: this computer has no system keyring, so the credentials are kept in memory for this session only</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="283"/>
        <source>需要重新登录</source>
        <translation>Sign in again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="286"/>
        <source>有效，至 {0}</source>
        <translation>valid until {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="307"/>
        <source>已登录。</source>
        <translation>Signed in.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="307"/>
        <source>登录凭据已保存在系统钥匙串中。</source>
        <translation>The credentials are stored in the system keyring.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="307"/>
        <location filename="../../desktop/views/sync_view.py" line="345"/>
        <source>正在同步……</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="319"/>
        <source>已退出登录。本机数据保留，可继续离线查询。</source>
        <translation>Signed out. The data on this computer stays and can still be searched offline.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="344"/>
        <source>正在连接平台…</source>
        <translation>Connecting to the platform…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="345"/>
        <source>后台自动同步中……</source>
        <translation>Syncing in the background…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="376"/>
        <source>平台正在准备数据快照…</source>
        <translation>The platform is preparing a data snapshot…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="377"/>
        <source>首次同步：平台正在为本辖区准备数据快照，请稍候……</source>
        <translation>First sync: the platform is preparing a data snapshot of your jurisdiction, please wait…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="382"/>
        <source>正在启用数据快照（重新加密并校验）…</source>
        <translation>Installing the data snapshot (re-encrypting and checking)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="383"/>
        <source>首次同步：数据快照已下载，正在用本机密钥重新加密并校验，随后启用……</source>
        <translation>First sync: the snapshot has arrived; it is being re-encrypted with this laptop&apos;s key and checked, then put in use…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="388"/>
        <source>已上传 {0} / {1} 条记录</source>
        <translation>Sent {0} / {1} records</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="392"/>
        <source>正在下载数据快照 {0}%</source>
        <translation>Downloading the data snapshot {0}%</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="393"/>
        <source>首次同步：正在下载平台为本辖区准备的数据快照（中断后会从断点继续）……</source>
        <translation>First sync: downloading the snapshot the platform prepared for your jurisdiction (an interrupted download continues where it stopped)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="395"/>
        <source>已接收 {0} / {1} 条变更</source>
        <translation>{0} / {1} changes received</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="400"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="416"/>
        <source>完成：数据快照，其后 {0} 条变更</source>
        <translation>Done: data snapshot, then {0} changes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="418"/>
        <source>完成：{0} 条变更</source>
        <translation>Done: changes received: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="421"/>
        <source>同步前已备份本机工作数据（{0}）。</source>
        <translation>The work data was backed up before the sync ({0}).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="436"/>
        <source>首次同步完成</source>
        <translation>First sync done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="436"/>
        <source>同步完成</source>
        <translation>Sync done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="441"/>
        <source>{0}：载入平台数据快照（{1} 户主体、{2} 条信用记录），其后接收 {3} 条变更</source>
        <translation>{0}: loaded the platform&apos;s data snapshot (entities: {1}, credit records: {2}), then changes received: {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="444"/>
        <source>{0}：接收 {1} 条变更（更新 {2}，删除 {3}）</source>
        <translation>{0}: changes received: {1} (updated {2}, deleted {3})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="448"/>
        <source>，本机数据截至 {0}</source>
        <translation>; data on this computer as of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="449"/>
        <location filename="../../desktop/views/sync_view.py" line="485"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="451"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="454"/>
        <source>本机待上传 {0} 条。</source>
        <translation>Waiting to upload: {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="456"/>
        <source>本机没有等待上传的记录。</source>
        <translation>No records waiting to upload.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="458"/>
        <source>本机记录已全部上传。</source>
        <translation>All records from this computer are uploaded.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="460"/>
        <source>{0} 条需要处理（被拒收或有冲突），请到“待上传”中查看。</source>
        <translation> Needing attention (refused or in conflict): {0}; see &quot;Records to upload&quot;.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="470"/>
        <source>上传：{0} 条记录等待其所依附的记录。</source>
        <translation>Upload: waiting for the records they depend on: {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="471"/>
        <source>上传：没有需要上传的记录。</source>
        <translation>Upload: nothing to upload.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="472"/>
        <source>上传 {0} 条记录</source>
        <translation>Records uploaded: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="474"/>
        <source>、{0} 个附件</source>
        <translation>, attachments: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="475"/>
        <source>：平台新接收 {0} 条</source>
        <translation>; newly accepted by the platform: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="477"/>
        <source>，已有 {0} 条（此前已送达，未重复记录）</source>
        <translation>, already there: {0} (delivered before, not recorded twice)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="479"/>
        <source>，{0} 条有冲突</source>
        <translation>, in conflict: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="480"/>
        <source>，{0} 条被拒收</source>
        <translation>, refused: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="481"/>
        <source>，{0} 条等待其所依附的记录</source>
        <translation>, waiting for the records they depend on: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="493"/>
        <source>未完成</source>
        <translation>Not finished</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="501"/>
        <source>同步未完成：{0}</source>
        <translation>Sync did not finish: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="502"/>
        <source>已上传和已接收的部分都已保存，下次会从中断处继续，不会重复上传。</source>
        <translation>What was sent and received so far is saved; the next sync continues from there and sends nothing twice.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="550"/>
        <source>；需要处理：被拒收 {0} 条，有冲突 {1} 条（见下方“待上传记录”）</source>
        <translation>; needs attention: {0} refused, {1} in conflict (see &quot;Records to upload&quot; below)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="557"/>
        <source>{0}（保留最近 {1} 份，位于数据目录的 backups 文件夹）</source>
        <translation>{0} (the latest {1} are kept, in the data folder&apos;s backups folder)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="512"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="513"/>
        <source>同步已取消。已接收的部分已保存，下次同步会从中断处继续。</source>
        <translation>Sync cancelled. What was received is saved; the next sync continues from there.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="537"/>
        <source>从未同步</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="540"/>
        <source>{0} 户</source>
        <translation>{0} entities</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="541"/>
        <location filename="../../desktop/views/sync_view.py" line="547"/>
        <source>{0} 条</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="543"/>
        <source>（首次同步尚未完成：再次同步会从中断处继续，完成后搜索索引才完整）</source>
        <translation> (first sync not finished: syncing again continues from where it stopped; the search index is complete once it finishes)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="563"/>
        <source>{0}（{1}）</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="563"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="573"/>
        <source> · 被拒收 {0}</source>
        <translation> · Refused {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="575"/>
        <source> · 有冲突 {0}</source>
        <translation> · In conflict {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="577"/>
        <source>未登录共享平台</source>
        <translation>Not signed in to the platform</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="579"/>
        <source>同步失败 {0}</source>
        <translation>Sync failed {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync_view.py" line="581"/>
        <source>上次同步 {0}</source>
        <translation>Last sync {0}</translation>
    </message>
</context>
<context>
    <name>TaskModel</name>
    <message>
        <location filename="../../desktop/views/inspections/task_model.py" line="54"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/task_model.py" line="55"/>
        <source>主体名称</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/task_model.py" line="56"/>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/task_model.py" line="57"/>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/task_model.py" line="58"/>
        <source>区划</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/task_model.py" line="59"/>
        <source>执法人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/task_model.py" line="60"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/task_model.py" line="61"/>
        <source>完成期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/task_model.py" line="117"/>
        <source>未分配</source>
        <translation>not assigned</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="85"/>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="146"/>
        <source>请在左侧选择检查任务</source>
        <translation>Choose an inspection task on the left</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="98"/>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="175"/>
        <source>填写检查记录</source>
        <translation>Record inspection</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="100"/>
        <source>检查记录</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="104"/>
        <source>下达整改通知</source>
        <translation>Issue rectification order</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="106"/>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="184"/>
        <source>约谈</source>
        <translation>Interview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="147"/>
        <source>选中任务后在此查看主体信用档案，并填写现场检查记录。</source>
        <translation>Once a task is chosen, its entity’s credit record is shown here and you can fill in the on-site inspection record.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="151"/>
        <source>{0}. {1}</source>
        <translation>{0}. {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="152"/>
        <source>未分配</source>
        <translation>not assigned</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="154"/>
        <source>{0} · 信用等级 {1} · {2}</source>
        <translation>{0} · credit grade {1} · {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="157"/>
        <source>地址：{0}</source>
        <translation>Address: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="158"/>
        <source>执法人员：{0}</source>
        <translation>Inspectors: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="159"/>
        <source>完成期限：{0}</source>
        <translation>Due: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="160"/>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="164"/>
        <source>已定稿：{0} · {1} {2}</source>
        <translation>Finalised: {0} · {1} {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="171"/>
        <source>继续填写检查记录</source>
        <translation>Continue record</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="173"/>
        <source>已检查</source>
        <translation>Inspected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="178"/>
        <source>每个检查事项已有定稿记录；如需修改，请在“检查记录”中选择更正</source>
        <translation>Every matter of this task has a finalised record; to change one, choose a correction under “Records”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/inspections_view.py" line="184"/>
        <source>约谈（整改逾期）</source>
        <translation>Interview (rectification overdue)</translation>
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
<context>
    <name>_DraftDialog</name>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="92"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="115"/>
        <source>草稿已自动保存</source>
        <translation>Draft saved automatically</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="119"/>
        <source>草稿保存失败，已填写的内容仍在窗口中。</source>
        <translation>The draft could not be saved; what you entered is still in the window.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="146"/>
        <source>请补正：</source>
        <translation>Please correct:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/inspections/followup_forms.py" line="159"/>
        <source>已记录，已排队上传信用平台。</source>
        <translation>Recorded and queued for upload to the credit platform.</translation>
    </message>
</context>
</TS>
