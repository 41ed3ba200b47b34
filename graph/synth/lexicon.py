# ruff: noqa: E501 - a table of sentences, one per line
"""Words of the synthetic corpus: subjects (trích yếu), body sentences, people's names.

Written after the register of the seed texts (../shared/seeds) and DOMAIN.md §2: the subjects avoid cue words
(thực hiện, theo, căn cứ, sơ kết ...) so that a title names a topic, never a relation nobody planned; body
sentences carry no document numbers, no place names and no pilot-model words, so that everything the gold
records is placed on purpose by the generator.
"""

from __future__ import annotations

import functools
import itertools
import random

from graph.text import fold

__all__ = [
    "ASSESS",
    "CAUSES",
    "DETAIL",
    "LIMITS",
    "ORGANISE",
    "PURPOSE",
    "TASKS",
    "TOPICS",
    "Topic",
    "person_name",
    "sentences",
]


class Topic:
    """A subject: ``phrase`` follows "về" in a title; ``family`` picks the pilot models that fit it."""

    __slots__ = ("family", "phrase", "short")

    def __init__(self, phrase: str, short: str, family: str) -> None:
        self.phrase, self.short, self.family = phrase, short, family


ORG = "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả"

TOPICS: tuple[Topic, ...] = (
    Topic(ORG, "sắp xếp tổ chức bộ máy", "org"),
    Topic(
        "đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
        "tổ chức bộ máy",
        "org",
    ),
    Topic("một số mô hình tổ chức bộ máy và kiêm nhiệm chức danh", "kiêm nhiệm chức danh", "org"),
    Topic(
        "tinh giản biên chế và cơ cấu lại đội ngũ cán bộ, công chức, viên chức", "tinh giản biên chế", "org"
    ),
    Topic(
        "sắp xếp, kiện toàn tổ chức bộ máy cơ quan đảng, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
        "kiện toàn tổ chức bộ máy",
        "org",
    ),
    Topic("tổ chức chính quyền địa phương hai cấp", "chính quyền địa phương hai cấp", "org"),
    Topic("tăng cường xây dựng, chỉnh đốn Đảng và hệ thống chính trị", "xây dựng, chỉnh đốn Đảng", "party"),
    Topic("nâng cao chất lượng sinh hoạt chi bộ", "sinh hoạt chi bộ", "party"),
    Topic("công tác phát triển đảng viên trong tình hình mới", "phát triển đảng viên", "party"),
    Topic(
        "công tác cán bộ và xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược",
        "công tác cán bộ",
        "party",
    ),
    Topic("công tác kiểm tra, giám sát và kỷ luật của Đảng", "kiểm tra, giám sát", "party"),
    Topic(
        "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "học tập và làm theo Bác",
        "party",
    ),
    Topic(
        "bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch",
        "bảo vệ nền tảng tư tưởng",
        "party",
    ),
    Topic("công tác dân vận của hệ thống chính trị trong tình hình mới", "công tác dân vận", "party"),
    Topic(
        "tăng cường công tác phòng, chống tham nhũng, lãng phí, tiêu cực", "phòng, chống tham nhũng", "anti"
    ),
    Topic(
        "công tác thu hồi tài sản bị thất thoát, chiếm đoạt trong các vụ án hình sự về tham nhũng, kinh tế",
        "thu hồi tài sản",
        "anti",
    ),
    Topic(
        "đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
        "chuyển đổi số",
        "digital",
    ),
    Topic("đẩy mạnh chuyển đổi số trong các cơ quan đảng", "chuyển đổi số trong cơ quan đảng", "digital"),
    Topic("xây dựng chính quyền số, kinh tế số và xã hội số", "chính quyền số", "digital"),
    Topic("phát triển bền vững kinh tế biển Việt Nam", "kinh tế biển", "econ"),
    Topic("nông nghiệp, nông dân, nông thôn", "tam nông", "econ"),
    Topic("xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu", "nông thôn mới", "econ"),
    Topic("phát triển kinh tế tư nhân", "kinh tế tư nhân", "econ"),
    Topic(
        "hoàn thiện thể chế, chính sách, nâng cao hiệu quả quản lý, khai thác, sử dụng đất đai",
        "đất đai",
        "econ",
    ),
    Topic("phát triển hạ tầng giao thông đồng bộ, hiện đại", "hạ tầng giao thông", "econ"),
    Topic("đột phá trong công tác xây dựng và thi hành pháp luật", "xây dựng và thi hành pháp luật", "law"),
    Topic(
        "tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới",
        "Nhà nước pháp quyền",
        "law",
    ),
    Topic(
        "tăng cường sự lãnh đạo của Đảng đối với công tác bảo đảm trật tự, an toàn giao thông",
        "an toàn giao thông",
        "law",
    ),
    Topic(
        "tăng cường công tác bảo vệ, chăm sóc và nâng cao sức khỏe Nhân dân",
        "chăm sóc sức khỏe Nhân dân",
        "social",
    ),
    Topic("đổi mới căn bản, toàn diện giáo dục và đào tạo", "giáo dục và đào tạo", "social"),
    Topic("xây dựng và phát huy giá trị văn hóa, con người Việt Nam", "văn hóa, con người", "social"),
    Topic("công tác dân số trong tình hình mới", "công tác dân số", "social"),
    Topic("công tác giảm nghèo bền vững", "giảm nghèo bền vững", "social"),
    Topic("chiến lược bảo vệ Tổ quốc trong tình hình mới", "bảo vệ Tổ quốc", "defence"),
    Topic("xây dựng khu vực phòng thủ vững chắc", "khu vực phòng thủ", "defence"),
    Topic("công tác bảo vệ chính trị nội bộ", "bảo vệ chính trị nội bộ", "party"),
    Topic(
        "tổ chức đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
        "đại hội đảng bộ các cấp",
        "party",
    ),
    Topic("công tác tổng kết thực tiễn, nghiên cứu lý luận", "tổng kết thực tiễn", "party"),
)

ASSESS: tuple[str, ...] = (
    "Các cấp ủy, tổ chức đảng đã tập trung lãnh đạo, chỉ đạo, tổ chức quán triệt nghiêm túc, kịp thời chủ trương của Đảng về {short}; nhận thức của cán bộ, đảng viên và Nhân dân có chuyển biến rõ nét.",
    "Công tác {short} được triển khai đồng bộ, bài bản, có trọng tâm, trọng điểm; nhiều cách làm hay, sáng tạo được ghi nhận, góp phần quan trọng vào việc hoàn thành nhiệm vụ chính trị của địa phương.",
    "Vai trò, trách nhiệm của người đứng đầu cấp ủy, chính quyền được phát huy; sự phối hợp giữa các cơ quan, đơn vị ngày càng chặt chẽ, hiệu quả.",
    "Việc cụ thể hóa các chủ trương, nghị quyết của Đảng thành chương trình, kế hoạch của cấp ủy được thực hiện kịp thời, phù hợp với điều kiện thực tế.",
    "Công tác kiểm tra, giám sát, đôn đốc được quan tâm thực hiện thường xuyên; những hạn chế, vướng mắc phát sinh được phát hiện và xử lý kịp thời.",
    "Kết quả đạt được đã góp phần củng cố niềm tin của cán bộ, đảng viên và Nhân dân đối với sự lãnh đạo của Đảng, tạo sự đồng thuận cao trong xã hội.",
    "Công tác thông tin, tuyên truyền được đổi mới cả về nội dung và hình thức, tạo sức lan tỏa mạnh mẽ trong toàn Đảng bộ.",
    "Các chỉ tiêu chủ yếu về {short} cơ bản đạt và vượt so với kế hoạch đề ra; chất lượng, hiệu quả hoạt động của hệ thống chính trị từng bước được nâng lên.",
    "Đội ngũ cán bộ làm công tác tham mưu được kiện toàn, có bản lĩnh chính trị vững vàng, trình độ chuyên môn đáp ứng yêu cầu nhiệm vụ.",
    "Công tác cải cách hành chính trong Đảng được đẩy mạnh; quy trình ban hành văn bản, xử lý công việc được rút ngắn, công khai, minh bạch.",
)

LIMITS: tuple[str, ...] = (
    "Tuy nhiên, việc triển khai ở một số nơi còn chậm, chưa quyết liệt; có nơi còn biểu hiện chủ quan, hình thức, kết quả chưa đồng đều giữa các địa phương, cơ quan, đơn vị.",
    "Một số cấp ủy, người đứng đầu chưa thật sự sâu sát trong lãnh đạo, chỉ đạo; công tác kiểm tra, giám sát có lúc, có nơi chưa thường xuyên.",
    "Sự phối hợp giữa các cơ quan tham mưu, giúp việc của cấp ủy với các cơ quan chuyên môn có lúc chưa chặt chẽ, thiếu đồng bộ.",
    "Chất lượng đội ngũ cán bộ ở một số cơ quan, đơn vị chưa đáp ứng yêu cầu nhiệm vụ trong tình hình mới; tình trạng vừa thừa, vừa thiếu cán bộ chậm được khắc phục.",
    "Công tác sơ kết, rút kinh nghiệm có nơi chưa kịp thời; việc nhân lên những cách làm hay còn hạn chế.",
    "Một số nhiệm vụ, giải pháp chưa được cụ thể hóa đầy đủ; việc bố trí nguồn lực cho triển khai còn khó khăn.",
    "Nhận thức của một bộ phận cán bộ, đảng viên về yêu cầu, tầm quan trọng của nhiệm vụ chưa đầy đủ, chưa thật sự đồng bộ.",
)

CAUSES: tuple[str, ...] = (
    "Nguyên nhân của hạn chế chủ yếu do một số cấp ủy, tổ chức đảng chưa quan tâm đúng mức; cơ chế, chính sách còn thiếu đồng bộ.",
    "Tình hình thực tiễn có nhiều yếu tố mới phát sinh, tác động đến quá trình tổ chức thực hiện nhiệm vụ.",
    "Năng lực tham mưu của một số cơ quan, đơn vị còn hạn chế; điều kiện bảo đảm cho hoạt động chưa đáp ứng yêu cầu.",
    "Công tác phối hợp, trao đổi thông tin giữa các cấp, các ngành có lúc chưa kịp thời, thiếu thống nhất.",
)

PURPOSE: tuple[str, ...] = (
    "Quán triệt sâu sắc, thống nhất nhận thức và hành động trong toàn Đảng bộ về mục tiêu, quan điểm, nhiệm vụ, giải pháp về {short}.",
    "Xác định rõ nhiệm vụ, lộ trình, thời gian hoàn thành và trách nhiệm của từng cấp ủy, tổ chức đảng, cơ quan, đơn vị.",
    "Việc tổ chức thực hiện phải nghiêm túc, khoa học, thiết thực, hiệu quả, gắn với việc thực hiện nhiệm vụ chính trị của từng địa phương, cơ quan, đơn vị.",
    "Phát huy vai trò nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu; tạo sự đồng thuận cao trong Nhân dân.",
    "Bảo đảm sự lãnh đạo toàn diện, trực tiếp của cấp ủy; nâng cao hiệu lực, hiệu quả quản lý của chính quyền các cấp.",
)

TASKS: tuple[str, ...] = (
    "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, tổ chức đảng; đổi mới nội dung, phương thức tuyên truyền, nâng cao nhận thức của cán bộ, đảng viên và Nhân dân về {short}.",
    "Rà soát, bổ sung, hoàn thiện quy chế làm việc, quy chế phối hợp giữa các cơ quan, đơn vị; phân định rõ chức năng, nhiệm vụ, quyền hạn, trách nhiệm của từng tổ chức.",
    "Xây dựng đội ngũ cán bộ đủ phẩm chất, năng lực, uy tín, ngang tầm nhiệm vụ; chú trọng công tác đào tạo, bồi dưỡng, luân chuyển cán bộ.",
    "Đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin trong hoạt động của các cơ quan trong hệ thống chính trị.",
    "Bố trí đủ nguồn lực cho việc tổ chức thực hiện; lồng ghép với các chương trình mục tiêu, đề án, dự án trên địa bàn.",
    "Tăng cường công tác kiểm tra, giám sát việc tổ chức thực hiện; kịp thời biểu dương, khen thưởng tập thể, cá nhân có thành tích, xử lý nghiêm các trường hợp vi phạm.",
    "Phát huy vai trò của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội trong việc vận động, tập hợp Nhân dân tham gia giám sát.",
    "Nâng cao chất lượng sinh hoạt của cấp ủy, chi bộ; thực hiện nghiêm nguyên tắc tập trung dân chủ, tự phê bình và phê bình.",
    "Chú trọng công tác tổng hợp, báo cáo; định kỳ đánh giá kết quả, kịp thời đề xuất giải pháp tháo gỡ khó khăn, vướng mắc.",
    "Tập trung giải quyết dứt điểm những vấn đề bức xúc, nổi cộm ở cơ sở; nâng cao chất lượng tiếp dân, đối thoại với Nhân dân.",
    "Tăng cường kỷ luật, kỷ cương hành chính; đề cao trách nhiệm nêu gương của cán bộ, đảng viên, nhất là người đứng đầu.",
)

DETAIL: tuple[str, ...] = (
    "Quá trình triển khai bảo đảm đúng nguyên tắc, quy trình, quy định của Đảng, pháp luật của Nhà nước; phát huy dân chủ, công khai, minh bạch, tạo sự thống nhất cao trong cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội.",
    "Các cơ quan tham mưu, giúp việc của cấp ủy đã chủ động phối hợp, bám sát tình hình thực tiễn, kịp thời tham mưu ban hành các văn bản lãnh đạo, chỉ đạo phù hợp với điều kiện cụ thể của từng cơ quan, đơn vị.",
    "Việc rà soát chức năng, nhiệm vụ, cơ cấu tổ chức của các cơ quan, đơn vị được thực hiện nghiêm túc, khắc phục cơ bản tình trạng chồng chéo, trùng lắp, bỏ sót nhiệm vụ.",
    "Đội ngũ cán bộ, công chức, viên chức cơ bản yên tâm công tác, đồng thuận cao với chủ trương sắp xếp; chế độ, chính sách đối với cán bộ dôi dư được giải quyết kịp thời, đúng quy định.",
    "Công tác tuyên truyền được thực hiện thường xuyên trên các phương tiện thông tin đại chúng, hệ thống truyền thanh cơ sở và trang thông tin điện tử của các cơ quan, đơn vị.",
    "Hoạt động giám sát, phản biện xã hội của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội được tăng cường, góp phần phát hiện, kiến nghị xử lý những vấn đề phát sinh từ cơ sở.",
    "Nhiều địa phương đã chủ động, sáng tạo trong tổ chức thực hiện, có cách làm hay, hiệu quả, tạo sức lan tỏa tích cực trong cán bộ, đảng viên và Nhân dân.",
    "Kinh phí, cơ sở vật chất phục vụ hoạt động của các cơ quan, đơn vị sau sắp xếp được quan tâm bố trí, bảo đảm điều kiện làm việc ổn định, thông suốt.",
    "Việc ứng dụng công nghệ thông tin, chuyển đổi số trong quản lý, điều hành được đẩy mạnh, góp phần nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
    "Sự đoàn kết, thống nhất trong nội bộ được giữ vững; vai trò hạt nhân chính trị của tổ chức cơ sở đảng tiếp tục được phát huy.",
    "Chất lượng sinh hoạt chi bộ có chuyển biến tích cực; nội dung sinh hoạt thiết thực, gắn với nhiệm vụ chính trị của từng chi bộ, đảng bộ.",
    "Việc đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên hằng năm được thực hiện thực chất hơn, gắn với kết quả thực hiện nhiệm vụ được giao.",
    "Các cấp ủy đã chỉ đạo rà soát, bổ sung quy hoạch cán bộ, chú trọng cán bộ trẻ, cán bộ nữ, cán bộ người dân tộc thiểu số, bảo đảm tính kế thừa, phát triển.",
    "Công tác cải cách thủ tục hành chính được đẩy mạnh; thời gian giải quyết hồ sơ được rút ngắn, tỷ lệ hồ sơ giải quyết đúng hạn đạt cao.",
    "Việc tiếp công dân, giải quyết khiếu nại, tố cáo được thực hiện kịp thời, đúng quy định; không để phát sinh điểm nóng, phức tạp.",
    "Nguồn lực đầu tư cho các chương trình, đề án trọng điểm được huy động, lồng ghép hiệu quả; nhiều công trình, dự án hoàn thành, đưa vào sử dụng.",
    "Ý thức trách nhiệm, tinh thần phục vụ Nhân dân của đội ngũ cán bộ, công chức được nâng lên; tình trạng nhũng nhiễu, gây phiền hà từng bước được khắc phục.",
    "Công tác phối hợp giữa cấp ủy với chính quyền và các đoàn thể ngày càng chặt chẽ, bảo đảm sự lãnh đạo thống nhất của Đảng trong toàn hệ thống chính trị.",
)

ORGANISE: tuple[str, ...] = (
    "Các cấp ủy, tổ chức đảng trực thuộc căn cứ nội dung văn bản này, xây dựng kế hoạch cụ thể, phù hợp với điều kiện thực tế của cơ quan, đơn vị.",
    "Các ban xây dựng Đảng, Văn phòng cấp ủy theo chức năng, nhiệm vụ phối hợp tham mưu, hướng dẫn, theo dõi, đôn đốc việc tổ chức thực hiện.",
    "Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội đẩy mạnh tuyên truyền, vận động đoàn viên, hội viên và Nhân dân tích cực tham gia.",
    "Ban cán sự đảng, đảng đoàn lãnh đạo, chỉ đạo các cơ quan nhà nước cùng cấp rà soát, sửa đổi các văn bản có liên quan cho phù hợp.",
    "Quá trình thực hiện nếu có khó khăn, vướng mắc, các địa phương, cơ quan, đơn vị kịp thời báo cáo để xem xét, chỉ đạo.",
)

_FAMILY = tuple(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Trịnh",
        "Đinh",
        "Lâm",
        "Mai",
    ]
)
_MIDDLE = tuple(
    [
        "Văn",
        "Thị",
        "Đức",
        "Minh",
        "Hữu",
        "Quang",
        "Thanh",
        "Xuân",
        "Ngọc",
        "Công",
        "Đình",
        "Tấn",
        "Hồng",
        "Thế",
        "Mạnh",
        "Trọng",
        "Kim",
        "Tiến",
        "Duy",
    ]
)
_GIVEN = [
    "Hùng",
    "Dũng",
    "Hải",
    "Long",
    "Tuấn",
    "Thắng",
    "Hương",
    "Lan",
    "Phúc",
    "Sơn",
    "Thành",
    "Trung",
    "Tâm",
    "Khánh",
    "Hiếu",
    "Lực",
    "Chính",
    "Thưởng",
    "Hòa",
    "Thông",
    "Châu",
    "Vinh",
    "Quyết",
    "Toàn",
    "Thảo",
    "Nga",
    "Hà",
    "Linh",
    "Cường",
    "Phương",
    "Bảo",
    "Khoa",
    "Tùng",
    "Hạnh",
    "Huệ",
    "Đông",
    "Kiên",
]


def person_name(rng: random.Random, avoid: frozenset[str] = frozenset()) -> str:
    """A Vietnamese name; none of its two-syllable runs is in ``avoid`` (folded province names)."""
    while True:
        middle = rng.sample(_MIDDLE, 2 if rng.random() < 0.3 else 1)
        words = [rng.choice(_FAMILY), *middle, rng.choice(_GIVEN)]
        if not any(_folded(a, b) in avoid for a, b in itertools.pairwise(words)):
            return " ".join(words)


@functools.cache
def _folded(first: str, second: str) -> str:
    return fold(f"{first} {second}")


def sentences(rng: random.Random, bank: tuple[str, ...], count: int, short: str) -> list[str]:
    """``count`` distinct sentences of ``bank`` (fewer when the bank is smaller), slots filled."""
    picked = rng.sample(range(len(bank)), min(count, len(bank)))
    return [bank[i].replace("{short}", short) for i in picked]
