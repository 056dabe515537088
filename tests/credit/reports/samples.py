"""Report data for the tests and the screenshots: realistic Chinese text, IDs already masked."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from credit.reports.check_report import EntityInfo, ReportData
from credit.reports.commitment_letter import LetterData
from credit.store.profile import (
    EVALUATION,
    HONOUR,
    JUDICIAL,
    LICENCE,
    LISTING,
    PENALTY,
    REGISTRATION,
    Section,
)

CHECK_ID = "5f0c2b9e-8d1a-4c3e-9b7f-2a6d4e8c1f03"
NAME = "常州新北瑞丰精密机械有限公司"
USCC = "91110000600037341L"
BEIJING = timezone(timedelta(hours=8))
ISSUED = datetime(2026, 11, 22, 9, 30, 15, tzinfo=BEIJING)

FIRED: list[dict[str, Any]] = [
    {
        "measure_name": "限制申请行政许可",
        "restriction": "不予受理本事项申请",
        "basis": "《中华人民共和国行政许可法》第七十八条",
        "record_summary": "2025-03-01 列入市场监督管理严重违法失信名单（常市监列严〔2025〕3号）",
        "until": "2028-03-01",
    },
    {
        "measure_name": "不适用容缺受理",
        "restriction": "须提交全部申请材料",
        "basis": "《常州市容缺受理办法》第六条",
        "record_summary": "存在失信记录（严重失信主体名单在列）",
        "until": None,
    },
]


def registration() -> Section:
    row = {
        "name": NAME,
        "uscc": USCC,
        "entity_type": "有限责任公司（自然人投资或控股）",
        "legal_rep": "王瑞丰",
        "legal_rep_id": "3204**********0015",
        "reg_authority": "常州市新北区市场监督管理局",
        "division": "常州市新北区（320411）",
        "address": "江苏省常州市新北区河海西路 188 号 3 号厂房",
        "industry": "通用设备制造业",
        "capital_wan": 500.0,
        "established": "2012-05-18",
        "status": "存续（在营、开业、在册）",
    }
    return Section("registration", "登记注册基础信息", REGISTRATION, [row])


def sections(copies: int = 1) -> list[Section]:
    """The profile sections in the public-report order; ``copies`` multiplies the records."""
    licences = [
        {
            "cert_name": "食品经营许可证",
            "cert_no": f"JY1320411{n:07d}",
            "category": "普通",
            "content": "预包装食品（含冷藏冷冻食品）销售",
            "decision_date": "2024-06-03",
            "valid": "2024-06-03 至 2029-06-02",
            "authority": "常州市新北区行政审批局",
            "status": "有效",
        }
        for n in range(copies)
    ]
    penalties = [
        {
            "decision_no": f"常新市监处罚〔2025〕{100 + n}号",
            "violation_type": "虚假宣传",
            "facts": "当事人在其网店页面宣称产品“全国销量第一”“国家级品质认证”，经查无事实依据，"
            "构成对商品性能、质量的虚假商业宣传，违法所得 12,800 元。" * (1 + n % 2),
            "basis": "《中华人民共和国反不正当竞争法》第八条第一款、第二十条第一款",
            "penalty_type": "罚款；没收违法所得",
            "content": "责令停止违法行为，罚款 20 万元，没收违法所得 1.28 万元",
            "fine_wan": 20.0,
            "decision_date": "2025-02-14",
            "authority": "常州市新北区市场监督管理局",
            "severity": "一般",
            "publicity": "公示中，至 2026-02-14",
            "under_publicity": True,
        }
        for n in range(copies)
    ]
    serious = [
        {
            "category": "市场监督管理严重违法失信名单",
            "reason": "因提供虚假材料取得许可被撤销",
            "basis": "《市场监督管理严重违法失信名单管理办法》第十条",
            "deciding_unit": "常州市市场监督管理局",
            "doc_no": "常市监列严〔2025〕3号",
            "listed_on": "2025-03-01",
            "valid_until": "2028-03-01",
            "removal": "在列",
            "subject": "本主体",
            "in_effect": True,
        },
        {
            "category": "失信被执行人",
            "reason": "有履行能力而拒不履行生效法律文书确定义务",
            "deciding_unit": "常州市新北区人民法院",
            "doc_no": "（2022）苏0411执1234号",
            "listed_on": "2022-08-10",
            "removal": "已于 2023-04-02 移出（已履行义务）",
            "subject": "法定代表人 王瑞丰（3204**********0015）",
            "in_effect": False,
        },
    ] * copies
    return [
        registration(),
        Section("licences", "行政管理信息 · 行政许可", LICENCE, licences),
        Section(
            "penalties",
            "行政管理信息 · 行政处罚",
            PENALTY,
            penalties,
            note="另有 1 条处罚信息已完成信用修复，依规不再展示和使用。",
        ),
        Section("honours", "诚实守信相关荣誉信息", HONOUR, []),
        Section("serious", "严重失信主体名单信息", LISTING, serious),
        Section("watch", "重点关注名单信息", LISTING, []),
        Section("abnormal", "经营（活动）异常名录", LISTING, []),
        Section(
            "commitments", "信用承诺信息", [("code", "承诺编码")], [], note="本地尚无该主体的信用承诺记录。"
        ),
        Section(
            "evaluation",
            "信用评价信息",
            EVALUATION,
            [{"grade": "D（信用风险高）", "grade_date": "2025-06-30", "grade_unit": "常州市市场监督管理局"}],
        ),
        Section(
            "judicial",
            "司法判决及执行信息",
            JUDICIAL,
            [
                {
                    "kind": "执行",
                    "case_no": "（2022）苏0411执1234号",
                    "court": "常州市新北区人民法院",
                    "content": "支付货款 36.5 万元",
                    "filed_on": "2022-07-01",
                    "status": "已结案",
                    "subject": "本主体",
                }
            ]
            * copies,
        ),
        Section("other", "其他信息", [], []),
    ]


def report(**changes: Any) -> ReportData:
    values: dict[str, Any] = {
        "check_id": CHECK_ID,
        "issuing_unit": "滑县市场监督管理局",
        "operator": "张三",
        "issued_at": ISSUED,
        "matter_code": "SCJG-0012",
        "matter_name": "食品经营许可（新办）",
        "verdict": "prohibited",
        "entity": EntityInfo(NAME, USCC, "D"),
        "as_of": "2026-11-21T18:02:00",
        "fired": FIRED,
        "sections": sections(),
        "stale_warning": None,
    }
    values.update(changes)
    return ReportData(**values)


def letter(**changes: Any) -> LetterData:
    values: dict[str, Any] = {
        "code": "41052620261122000137",
        "committer_name": NAME,
        "committer_category": "法人及非法人组织",
        "committer_code": USCC,
        "commitment_type": "容缺受理型",
        "matter": "申请食品经营许可（新办），缺少《营业场所平面图》，承诺限期补交",
        "content": (
            "本单位郑重承诺：\n"
            "一、所提交的申请材料真实、合法、有效，复印件与原件一致，不存在任何虚假记载、误导性陈述或重大遗漏。\n"
            "二、对申请事项缺少的《营业场所平面图》，于 2026-12-04 前补交；"
            "逾期未补交的，同意行政机关撤销已作出的审批决定。\n"
            "三、严格遵守食品安全法律法规，落实食品安全主体责任，自觉接受监督检查。"
        ),
        "liability": (
            "如违反上述承诺，本单位愿意承担相应法律责任，并同意将违诺情况记入本单位信用记录，"
            "依法依规接受失信惩戒；因虚假承诺取得的审批决定将被撤销。"
        ),
        "made_on": date(2026, 11, 22),
        "valid_until": date(2027, 11, 21),
        "accepting_unit": "滑县行政审批服务局",
        "publicity_type": "可向社会公开",
    }
    values.update(changes)
    return LetterData(**values)
